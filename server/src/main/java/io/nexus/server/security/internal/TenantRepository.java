package io.nexus.server.security.internal;

import io.nexus.server.persistence.TenantId;
import io.nexus.server.persistence.TimestampColumns;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** SQL for {@code tenants}: creating one, listing them, deleting one with everything it stored. */
@Repository
public class TenantRepository {
  /** A tenant and when it was created. */
  public record Tenant(TenantId id, Instant createdAt, int keys) {}

  private final JdbcClient jdbc;
  private final ApiKeyRepository keys;

  TenantRepository(JdbcClient jdbc, ApiKeyRepository keys) {
    this.jdbc = jdbc;
    this.keys = keys;
  }

  /** Creates {@code tenant}; false when it exists already. */
  @Transactional
  public boolean create(TenantId tenant) {
    try {
      jdbc.sql("INSERT INTO tenants (id) VALUES (?)").param(tenant.value()).update();
    } catch (DuplicateKeyException e) {
      return false;
    }
    keys.bumpRevision();
    return true;
  }

  /** Whether {@code tenant} exists. */
  public boolean exists(TenantId tenant) {
    return jdbc.sql("SELECT COUNT(*) FROM tenants WHERE id = ?").param(tenant.value()).query(Integer.class)
        .single() > 0;
  }

  /** Every tenant, by name. */
  public List<Tenant> list() {
    return jdbc.sql("SELECT t.id, t.created_at, (SELECT COUNT(*) FROM api_keys k WHERE k.tenant_id = t.id "
            + "AND k.revoked_at IS NULL) AS active_keys FROM tenants t ORDER BY t.id")
        .query((rs, n) -> new Tenant(new TenantId(rs.getString("id")), TimestampColumns.instant(rs, "created_at"),
            rs.getInt("active_keys")))
        .list();
  }

  /** Deletes {@code tenant} and, through the foreign keys, everything it stored; false when there is none. */
  @Transactional
  public boolean delete(TenantId tenant) {
    boolean deleted = jdbc.sql("DELETE FROM tenants WHERE id = ?").param(tenant.value()).update() > 0;
    if (deleted) {
      keys.bumpRevision();
    }
    return deleted;
  }
}
