package io.nexus.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.Databases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Data stored before tenants existed moves into the default tenant, keeping its ids, on both databases. */
class TenantMigrationTest {

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void singleTenantDataMovesIntoTheDefaultTenant(String database) throws SQLException {
    String url = database.equals("h2") ? Databases.freshH2() : Databases.freshPostgres();
    String user = database.equals("h2") ? "sa" : Databases.postgresUser();
    migrate(url, user, "5");
    try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO channels (name, channel_type) VALUES ('Old channel', 'other')");
      s.execute("INSERT INTO journeys (id, user_id, start_time, end_time) VALUES (42, 'old-user', "
          + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
      s.execute("INSERT INTO touchpoints (journey_id, channel_id, touchpoint_type, \"timestamp\", "
          + "position_in_journey) VALUES (42, 20, 'click', CURRENT_TIMESTAMP, 1)");
    }
    migrate(url, user, "latest");
    try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
      assertThat(single(s, "SELECT tenant_id FROM journeys WHERE id = 42")).isEqualTo("default");
      assertThat(single(s, "SELECT tenant_id FROM touchpoints WHERE journey_id = 42")).isEqualTo("default");
      assertThat(single(s, "SELECT tenant_id || ':' || id FROM channels WHERE name = 'Old channel'"))
          .isEqualTo("default:20");
      assertThat(single(s, "SELECT COUNT(*) FROM channels WHERE tenant_id = 'default'")).isEqualTo("20");
      assertThat(single(s, "SELECT COUNT(*) FROM catalogue_channels")).isEqualTo("19");
      assertThat(single(s, "SELECT name FROM catalogue_models WHERE id = 3")).isEqualTo("Linear");
    }
  }

  private static void migrate(String url, String user, String target) {
    Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target(target).load().migrate();
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
