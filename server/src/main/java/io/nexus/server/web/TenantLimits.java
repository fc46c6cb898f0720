package io.nexus.server.web;

import io.nexus.server.persistence.TenantId;

/**
 * The request limits that apply to the current request's tenant: the service's ({@code nexus.limits.*}) unless the
 * tenant has its own ({@code nexus.limits.tenants.<tenant>.*}); thread-safe.
 */
public interface TenantLimits {
  /** The most records one batch may ever hold, whatever is configured. */
  int MAX_BATCH = 10_000;

  /** The limits of the tenant the current thread works for ({@code default} outside a request). */
  Effective current();

  /** Refuses, 400 naming {@code field}, a batch of {@code size} records over the current tenant's batch size. */
  default void checkBatch(String field, int size) {
    Effective limits = current();
    if (size > limits.batchSize()) {
      throw ApiException.badRequest(field, "must hold at most " + limits.batchSize() + " records ("
          + limits.key("batch-size") + "), got " + size);
    }
  }

  /** One tenant's limits; {@code own} when they come from the tenant's own settings. */
  record Effective(TenantId tenant, long bodySize, int jsonDepth, int stringLength, int batchSize, boolean own) {
    /** The setting that holds {@code limit}, such as {@code nexus.limits.tenants.acme.body-size}. */
    public String key(String limit) {
      return own ? "nexus.limits.tenants." + tenant.value() + "." + limit : "nexus.limits." + limit;
    }
  }
}
