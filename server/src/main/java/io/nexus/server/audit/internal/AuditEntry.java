package io.nexus.server.audit.internal;

import java.time.Instant;

/**
 * One audited action: when, the tenant and key prefix of who made it ({@code local} with authentication off; both
 * null when it was refused before its caller was known), what (method and path) and how it ended. A command of
 * {@code bin/nexus keys|tenants} has no key, method, path or status: its actor ({@code cli:} and the operating-system
 * user), action and target (a tenant or a key prefix) say who did what instead.
 */
record AuditEntry(long id, Instant occurredAt, String tenant, String keyPrefix, String method, String path,
    Integer status, String outcome, String actor, String action, String target) {

  /** An audited request. */
  static AuditEntry request(Instant occurredAt, String tenant, String keyPrefix, String method, String path,
      int status) {
    return new AuditEntry(0, occurredAt, tenant, keyPrefix, method, path, status, outcome(status), null, null, null);
  }

  /** {@code succeeded} for 2xx (and 3xx), {@code refused} for 4xx, {@code failed} for 5xx. */
  static String outcome(int status) {
    return status >= 500 ? "failed" : status >= 400 ? "refused" : "succeeded";
  }
}
