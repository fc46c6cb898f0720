package io.nexus.server.security.internal;

import io.nexus.server.persistence.TenantContext;
import io.nexus.server.persistence.TenantId;
import io.nexus.server.persistence.TimestampColumns;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SQL for {@code tenants}: creating one, listing them, deleting one with everything it stored. Creating and deleting
 * run for the tenant concerned, entered before their transaction begins (on PostgreSQL the transaction's tenant is
 * the one the row-level security policies let it write); inside a caller's transaction for that tenant they join it.
 */
@Repository
public class TenantRepository {
  /** A tenant and when it was created. */
  public record Tenant(TenantId id, Instant createdAt, int keys) {}

  /** Every table holding tenant rows, children first. */
  private static final List<String> DATA_TABLES = List.of("imported_journeys", "attribution_results", "touchpoints",
      "conversions", "journeys", "attribution_job_errors", "attribution_jobs", "idempotency_keys", "channels",
      "attribution_models", "lift_tests", "api_keys");

  private final JdbcClient jdbc;
  private final ApiKeyRepository keys;
  private final TransactionTemplate transactions;

  TenantRepository(JdbcClient jdbc, ApiKeyRepository keys, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.transactions = new TransactionTemplate(transactions);
  }

  /**
   * Creates {@code tenant} with the documented catalogue (channels 1 to 19, models 1 to 15, as V2 created them); false
   * when it exists already.
   */
  public boolean create(TenantId tenant) {
    return TenantContext.callAs(tenant, () -> Boolean.TRUE.equals(transactions.execute(status -> {
      try {
        jdbc.sql("INSERT INTO tenants (id) VALUES (?)").param(tenant.value()).update();
      } catch (DuplicateKeyException e) {
        return false;
      }
      jdbc.sql("INSERT INTO channels (id, name, channel_type, description, cost_per_click, cost_per_impression, "
          + "monthly_budget) SELECT id, name, channel_type, description, cost_per_click, cost_per_impression, "
          + "monthly_budget FROM catalogue_channels ORDER BY id").update();
      jdbc.sql("INSERT INTO attribution_models (id, name, model_type, description, time_decay_halflife_days, "
          + "position_weights, custom_rules, ml_model_type, ml_parameters, training_data_window_days) SELECT id, name, "
          + "model_type, description, time_decay_halflife_days, position_weights, custom_rules, ml_model_type, "
          + "ml_parameters, training_data_window_days FROM catalogue_models ORDER BY id").update();
      keys.bumpRevision();
      return true;
    })));
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

  /** Deletes {@code tenant} and everything it stored; false when there is none. */
  public boolean delete(TenantId tenant) {
    return TenantContext.callAs(tenant, () -> Boolean.TRUE.equals(transactions.execute(status -> {
      if (!exists(tenant)) {
        return false;
      }
      // Children before parents (the foreign keys between tenant tables do not cascade everywhere), then the tenant.
      for (String table : DATA_TABLES) {
        jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = ?").param(tenant.value()).update();
      }
      jdbc.sql("DELETE FROM tenants WHERE id = ?").param(tenant.value()).update();
      keys.bumpRevision();
      return true;
    })));
  }
}
