package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Lift tests belong to a tenant like every other stored row (V6, docs/security.md): existing ones move to
 * {@code default}, new ones take {@code current_tenant()}, and on PostgreSQL row-level security is forced on the table.
 */
public class V81__tenant_lift_tests extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    try (Statement s = c.createStatement()) {
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
