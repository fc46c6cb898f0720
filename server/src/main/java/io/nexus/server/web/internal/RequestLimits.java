package io.nexus.server.web.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How much one request may hold: {@code nexus.limits.body-size} ({@code NEXUS_MAX_BODY_SIZE}, default 32MB, enough
 * for a batch of 10,000 records with long texts), {@code nexus.limits.json-depth} (how deeply JSON may nest, default
 * 32) and {@code nexus.limits.string-length} (the longest JSON string, default 10,000 characters, above every text
 * column). Larger requests are refused before they are read whole.
 */
@ConfigurationProperties(prefix = "nexus.limits")
record RequestLimits(DataSize bodySize, int jsonDepth, int stringLength) {
  RequestLimits {
    bodySize = bodySize == null ? DataSize.ofMegabytes(32) : bodySize;
    jsonDepth = jsonDepth <= 0 ? 32 : jsonDepth;
    stringLength = stringLength <= 0 ? 10_000 : stringLength;
    if (bodySize.toBytes() <= 0) {
      throw new IllegalArgumentException("nexus.limits.body-size must be positive");
    }
  }
}
