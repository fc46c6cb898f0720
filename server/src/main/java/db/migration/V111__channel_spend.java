package db.migration;

import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The spend module's table (docs/integrations.md#spend): what ad platforms report a campaign cost per day, one row per
 * tenant, platform, ad account, campaign and day, so that importing the same days again replaces rather than adds.
 * The conversions the platform itself reports for the campaign and day are kept beside it, for reconciliation with
 * the journeys (never as journeys). It belongs to a tenant like every stored row, with the forced row-level security policy of V81 on PostgreSQL; a
 * Java migration because the policy exists only there.
 */
public class V111__channel_spend extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    boolean postgres = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
        .contains("postgres");
    try (Statement s = context.getConnection().createStatement()) {
      s.execute("CREATE TABLE channel_spend ("
          + " tenant_id VARCHAR(63) DEFAULT current_tenant() NOT NULL,"
          + " platform VARCHAR(100) NOT NULL,"
          + " account_id VARCHAR(200) NOT NULL,"
          + " campaign_id VARCHAR(200) NOT NULL,"
          + " campaign_name VARCHAR(500),"
          + " channel_id BIGINT NOT NULL,"
          + " spend_date DATE NOT NULL,"
          + " currency CHAR(3) NOT NULL,"
          + " spend NUMERIC(18, 4) NOT NULL,"
          + " impressions BIGINT DEFAULT 0 NOT NULL,"
          + " clicks BIGINT DEFAULT 0 NOT NULL,"
          + " conversions NUMERIC(18, 4),"
          + " conversion_value NUMERIC(18, 4),"
          + " updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,"
          + " PRIMARY KEY (tenant_id, platform, account_id, campaign_id, spend_date),"
          + " CONSTRAINT ck_channel_spend_amounts CHECK (spend >= 0 AND impressions >= 0 AND clicks >= 0"
          + " AND (conversions IS NULL OR conversions >= 0) AND (conversion_value IS NULL OR conversion_value >= 0)),"
          + " CONSTRAINT fk_channel_spend_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,"
          + " CONSTRAINT fk_channel_spend_channel FOREIGN KEY (tenant_id, channel_id) "
          + "REFERENCES channels (tenant_id, id) ON DELETE CASCADE)");
      // What an import stored of the platform's spend and of the conversions it reports (kept for reconciliation).
      s.execute("ALTER TABLE integration_jobs ADD COLUMN reported_conversions NUMERIC(18, 4)");
      s.execute("ALTER TABLE integration_jobs ADD COLUMN reported_conversion_value NUMERIC(18, 4)");
      s.execute("CREATE INDEX idx_channel_spend_day ON channel_spend (tenant_id, spend_date, channel_id)");
      if (postgres) {
        s.execute("ALTER TABLE channel_spend ENABLE ROW LEVEL SECURITY");
        s.execute("ALTER TABLE channel_spend FORCE ROW LEVEL SECURITY");
        s.execute("CREATE POLICY tenant_isolation ON channel_spend USING (tenant_id = current_tenant()) "
            + "WITH CHECK (tenant_id = current_tenant())");
      }
    }
  }
}
