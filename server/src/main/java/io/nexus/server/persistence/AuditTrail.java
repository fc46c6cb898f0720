package io.nexus.server.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes audit log entries for changes made outside HTTP requests ({@code bin/nexus keys|tenants}), in the caller's
 * transaction when there is one, so that the entry and the change are stored together or not at all. A port at the
 * persistence level because the security module, which makes those changes, must not depend on the audit module,
 * which reads the log. Thread-safe.
 */
@Component
public class AuditTrail {
  private final JdbcClient jdbc;

  AuditTrail(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records that {@code actor} did {@code action} on {@code target} of {@code tenant} (null when unknown: nobody's
   * admin keys read the entry) now, ending with {@code outcome} ({@code succeeded} or {@code refused}); {@code target}
   * names a tenant or a key prefix, never a secret.
   */
  public void record(TenantId tenant, String actor, String action, String target, String outcome) {
    String tenantId = tenant == null ? null : tenant.value();
    jdbc.sql("INSERT INTO audit_log (occurred_at, tenant_id, actor, action, target, outcome) "
            + "VALUES (?, ?, ?, ?, ?, ?)")
        .params(TimestampColumns.now(), tenantId, actor, action, target, outcome).update();
  }
}
