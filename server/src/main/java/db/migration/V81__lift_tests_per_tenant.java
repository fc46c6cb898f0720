package db.migration;

import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Lift tests belong to a tenant like every other stored row (docs/security.md): existing tests move to
 * {@code default}, new ones take the writing transaction's tenant, and on PostgreSQL the table gets the same forced
 * row-level security policy as the tables of V6. A Java migration because the policy exists only on PostgreSQL.
 */
public class V81__lift_tests_per_tenant extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    boolean postgres = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
        .contains("postgres");
    try (Statement s = context.getConnection().createStatement()) {
      s.execute("ALTER TABLE lift_tests ADD COLUMN tenant_id VARCHAR(63) DEFAULT 'default' NOT NULL");
      s.execute("ALTER TABLE lift_tests ALTER COLUMN tenant_id SET DEFAULT current_tenant()");
      s.execute("ALTER TABLE lift_tests ADD CONSTRAINT fk_lift_tests_tenant FOREIGN KEY (tenant_id) "
          + "REFERENCES tenants (id) ON DELETE CASCADE");
      s.execute("CREATE INDEX idx_lift_tests_tenant ON lift_tests (tenant_id, channel_id)");
      if (postgres) {
        s.execute("ALTER TABLE lift_tests ENABLE ROW LEVEL SECURITY");
        s.execute("ALTER TABLE lift_tests FORCE ROW LEVEL SECURITY");
        s.execute("CREATE POLICY tenant_isolation ON lift_tests USING (tenant_id = current_tenant()) "
            + "WITH CHECK (tenant_id = current_tenant())");
      }
    }
  }
}
