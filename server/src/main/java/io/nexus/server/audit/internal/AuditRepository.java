package io.nexus.server.audit.internal;

import io.nexus.server.persistence.TimestampColumns;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code audit_log} table: entries are only ever added (requests here, commands through the persistence module's
 * {@code AuditTrail}), and read per tenant, newest first.
 */
@Repository
class AuditRepository {
  private static final RowMapper<AuditEntry> ROWS = (rs, n) -> new AuditEntry(rs.getLong("id"),
      TimestampColumns.instant(rs, "occurred_at"), rs.getString("tenant_id"), rs.getString("key_prefix"),
      rs.getString("method"), rs.getString("path"), rs.getObject("status", Integer.class), rs.getString("outcome"),
      rs.getString("actor"), rs.getString("action"), rs.getString("target"));

  private final JdbcTemplate jdbc;

  AuditRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void add(AuditEntry e) {
    jdbc.update("INSERT INTO audit_log (occurred_at, tenant_id, key_prefix, method, path, status, outcome) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?)", TimestampColumns.param(e.occurredAt()), e.tenant(), e.keyPrefix(),
        e.method(), e.path(), e.status(), e.outcome());
  }

  List<AuditEntry> page(String tenant, int page, int size) {
    return jdbc.query("SELECT * FROM audit_log WHERE tenant_id = ? ORDER BY id DESC LIMIT ? OFFSET ?", ROWS, tenant,
        size, (long) page * size);
  }

  long count(String tenant) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ?", Long.class, tenant);
  }
}
