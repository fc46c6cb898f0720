package io.nexus.server.audit.internal;

import java.time.Instant;

/**
 * One audited request: when, the tenant and key prefix of who made it ({@code local} with authentication off; both
 * null when it was refused before its caller was known), what (method and path) and how it ended.
 */
record AuditEntry(long id, Instant occurredAt, String tenant, String keyPrefix, String method, String path,
    int status, String outcome) {

  /** {@code succeeded} for 2xx (and 3xx), {@code refused} for 4xx, {@code failed} for 5xx. */
  static String outcome(int status) {
    return status >= 500 ? "failed" : status >= 400 ? "refused" : "succeeded";
  }
}
