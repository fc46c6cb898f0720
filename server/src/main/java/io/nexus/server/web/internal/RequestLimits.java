package io.nexus.server.web.internal;

import io.nexus.server.persistence.TenantContext;
import io.nexus.server.persistence.TenantId;
import io.nexus.server.web.TenantLimits;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How much one request may hold: {@code nexus.limits.body-size} ({@code NEXUS_MAX_BODY_SIZE}, default 32MB, enough
 * for a batch of 10,000 records with long texts), {@code nexus.limits.json-depth} (how deeply JSON may nest, default
 * 32), {@code nexus.limits.string-length} (the longest JSON string, default 10,000 characters, above every text
 * column) and {@code nexus.limits.batch-size} (records per batch, default and at most 10,000). A tenant may have its
 * own, higher or lower, under {@code nexus.limits.tenants.<tenant>.*}; what it leaves out is the service's. Larger
 * requests are refused before they are read whole.
 */
@ConfigurationProperties(prefix = "nexus.limits")
record RequestLimits(DataSize bodySize, int jsonDepth, int stringLength, int batchSize,
    Map<String, TenantOverride> tenants) implements TenantLimits {

  /** A tenant's own limits; a null one is the service's. */
  record TenantOverride(DataSize bodySize, Integer jsonDepth, Integer stringLength, Integer batchSize) {}

  RequestLimits {
    bodySize = bodySize == null ? DataSize.ofMegabytes(32) : bodySize;
    jsonDepth = jsonDepth <= 0 ? 32 : jsonDepth;
    stringLength = stringLength <= 0 ? 10_000 : stringLength;
    batchSize = batchSize <= 0 ? MAX_BATCH : batchSize;
    tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    check("nexus.limits", bodySize, jsonDepth, stringLength, batchSize);
    for (Map.Entry<String, TenantOverride> t : tenants.entrySet()) {
      if (!TenantId.isValid(t.getKey())) {
        throw new IllegalArgumentException("nexus.limits.tenants." + t.getKey() + ": not a tenant name");
      }
      TenantOverride o = t.getValue();
      check("nexus.limits.tenants." + t.getKey(), o.bodySize() == null ? bodySize : o.bodySize(),
          o.jsonDepth() == null ? jsonDepth : o.jsonDepth(), o.stringLength() == null ? stringLength
          : o.stringLength(), o.batchSize() == null ? batchSize : o.batchSize());
    }
  }

  private static void check(String prefix, DataSize bodySize, int jsonDepth, int stringLength, int batchSize) {
    if (bodySize.toBytes() <= 0) {
      throw new IllegalArgumentException(prefix + ".body-size must be positive");
    }
    if (jsonDepth <= 0 || stringLength <= 0) {
      throw new IllegalArgumentException(prefix + ".json-depth and .string-length must be positive");
    }
    if (batchSize <= 0 || batchSize > MAX_BATCH) {
      throw new IllegalArgumentException(prefix + ".batch-size must be between 1 and " + MAX_BATCH);
    }
  }

  @Override
  public Effective current() {
    return of(TenantContext.find().orElse(TenantId.DEFAULT));
  }

  /** The limits of {@code tenant}. */
  Effective of(TenantId tenant) {
    TenantOverride o = tenants.get(tenant.value());
    if (o == null) {
      return new Effective(tenant, bodySize.toBytes(), jsonDepth, stringLength, batchSize, false);
    }
    return new Effective(tenant, o.bodySize() == null ? bodySize.toBytes() : o.bodySize().toBytes(),
        o.jsonDepth() == null ? jsonDepth : o.jsonDepth(), o.stringLength() == null ? stringLength
        : o.stringLength(), o.batchSize() == null ? batchSize : o.batchSize(), true);
  }

  /** The largest body any tenant may send: what is refused before the tenant is known. */
  long largestBodySize() {
    return Stream.concat(Stream.of(bodySize), tenants.values().stream().map(TenantOverride::bodySize))
        .filter(s -> s != null).mapToLong(DataSize::toBytes).max().orElseThrow();
  }

  /** The deepest nesting any tenant may send: the JSON reader's own bound. */
  int deepestJson() {
    return Stream.concat(Stream.of(jsonDepth), tenants.values().stream().map(TenantOverride::jsonDepth))
        .filter(d -> d != null).mapToInt(Integer::intValue).max().orElseThrow();
  }

  /** The longest string any tenant may send: the JSON reader's own bound. */
  int longestString() {
    return Stream.concat(Stream.of(stringLength), tenants.values().stream().map(TenantOverride::stringLength))
        .filter(l -> l != null).mapToInt(Integer::intValue).max().orElseThrow();
  }
}
