package io.nexus.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional JDBC output writes into the service's own schema on a real PostgreSQL: a scratch database migrated
 * with the service's Flyway scripts, dropped afterwards.
 */
class JdbcResultsTest {
  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  static final String MODELS = "first_touch,linear,position_based,markov,markov(order=3),participation";
  static final Path MIGRATIONS = Path.of(System.getProperty("nexus.root", ".."))
      .resolve("server/src/main/resources/db/migration");

  @TempDir static Path dir;
  static String database;
  static String url;
  static JobSummary summary;

  @BeforeAll
  static void migrateAScratchDatabaseAndRunTheJob() throws Exception {
    database = "nexus_spark_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement s = admin.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    url = SERVER + database;
    try (Connection db = DriverManager.getConnection(url, "postgres", ""); Statement s = db.createStatement()) {
      s.execute(Files.readString(MIGRATIONS.resolve("V1__schema.sql")));
      s.execute(Files.readString(MIGRATIONS.resolve("V2__default_channels_and_models.sql")));
    }
    Path input = LocalSpark.touchpoints(dir, 2_000, 6, 21);
    summary = AttributionJob.run(LocalSpark.session(), "--input", input.toString(), "--models", MODELS,
        "--output", dir.resolve("out").toString(), "--jdbc-url", url, "--jdbc-user", "postgres");
  }

  @AfterAll
  static void dropTheScratchDatabase() throws SQLException {
    if (database != null) {
      try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
          Statement s = admin.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }

  @Test
  void writesEveryConvertingJourneyOnceWithItsResults() throws Exception {
    assertThat(summary.jdbcJourneys()).isEqualTo(summary.convertingJourneys());
    assertThat(query("SELECT count(*) FROM journeys")).containsExactly(List.of(summary.convertingJourneys()));
    assertThat(query("SELECT count(DISTINCT session_id) FROM journeys"))
        .containsExactly(List.of(summary.convertingJourneys()));
    assertThat(query("SELECT count(*) FROM attribution_results")).containsExactly(List.of(summary.jdbcResults()));
    assertThat(summary.jdbcResults() / 6).isEqualTo(summary.creditRows() / 6);
    assertThat(query("SELECT count(*) FROM journeys WHERE session_id NOT LIKE user_id || '#%'"))
        .containsExactly(List.of(0L));
  }

  @Test
  void additiveResultsAddUpToEachJourneysValueExactly() throws Exception {
    List<List<Object>> mismatches = query("SELECT j.id, m.model_type, j.conversion_value, sum(r.attributed_revenue)"
        + " FROM attribution_results r JOIN journeys j ON j.id = r.journey_id"
        + " JOIN attribution_models m ON m.id = r.attribution_model_id WHERE m.model_type <> 'participation'"
        + " GROUP BY j.id, m.id, m.model_type, j.conversion_value HAVING sum(r.attributed_revenue) <> j.conversion_value");

    assertThat(mismatches).isEmpty();
    assertThat(query("SELECT count(*) FROM attribution_results r JOIN attribution_models m"
        + " ON m.id = r.attribution_model_id WHERE m.model_type = 'participation'"
        + " AND r.attributed_revenue <> (SELECT conversion_value FROM journeys WHERE id = r.journey_id)"))
        .containsExactly(List.of(0L));
  }

  @Test
  void roiAndRoasFollowTheServicesFormulasAndAreNullWhenNothingWasSpent() throws Exception {
    assertThat(query("SELECT count(*) FROM attribution_results WHERE channel_cost > 0 AND (roi IS NULL OR roas IS NULL"
        + " OR abs(roi - (attributed_revenue - channel_cost) * 100 / channel_cost) > 0.0001"
        + " OR abs(roas - attributed_revenue / channel_cost) > 0.000001)")).containsExactly(List.of(0L));
    assertThat(query("SELECT count(*) FROM attribution_results WHERE channel_cost = 0 AND (roi IS NOT NULL"
        + " OR roas IS NOT NULL)")).containsExactly(List.of(0L));
    assertThat(query("SELECT count(*) > 0 FROM attribution_results WHERE roi IS NOT NULL"))
        .containsExactly(List.of(true));
  }

  @Test
  void findsTheServicesModelsByTypeAndParametersAndAddsTheOthers() throws Exception {
    Map<String, Long> used = new HashMap<>();
    for (List<Object> row : query("SELECT DISTINCT m.name, m.id FROM attribution_results r"
        + " JOIN attribution_models m ON m.id = r.attribution_model_id")) {
      used.put((String) row.get(0), (Long) row.get(1));
    }

    // V2 seeds First Touch 1, Linear 3, Position Based 5 (0.4/0.2/0.4), Markov Chain 7 (order 1), Participation 13.
    assertThat(used).containsEntry("First Touch", 1L).containsEntry("Linear", 3L)
        .containsEntry("Position Based", 5L).containsEntry("Markov Chain", 7L).containsEntry("Participation", 13L);
    assertThat(used).containsKey("markov(order=3)").hasSize(6);
    assertThat(query("SELECT model_type, ml_parameters FROM attribution_models WHERE name = 'markov(order=3)'"))
        .containsExactly(List.of("markov", "{\"order\": 3}"));
  }

  @Test
  void addsTheChannelsTheCatalogueLacksByName() throws Exception {
    List<List<Object>> channels = query("SELECT DISTINCT c.name, c.channel_type FROM attribution_results r"
        + " JOIN channels c ON c.id = r.channel_id ORDER BY c.name");

    assertThat(channels).extracting(row -> row.get(0))
        .containsExactly("direct", "display", "email", "search", "social", "video");
    assertThat(channels).allSatisfy(row -> assertThat(row.get(1)).isEqualTo("other"));
    assertThat(query("SELECT count(*) FROM channels")).containsExactly(List.of(19L + 6));
  }

  @Test
  void storesTheCreditsTheJourneyCreditsFileHolds() throws Exception {
    List<List<Object>> linear = query("SELECT c.name, sum(r.attributed_conversions) FROM attribution_results r"
        + " JOIN channels c ON c.id = r.channel_id WHERE r.attribution_model_id = 3 GROUP BY c.name ORDER BY c.name");
    Map<String, double[]> totals = LocalSpark.totals(dir.resolve("out/channel_totals.csv"));

    assertThat(linear).hasSize(6);
    for (List<Object> row : linear) {
      double expected = totals.get("linear|" + row.get(0))[0];
      assertThat(((BigDecimal) row.get(1)).doubleValue()).as((String) row.get(0))
          .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9 * summary.convertingJourneys()));
    }
  }

  @Test
  void aDatabaseWithoutTheServicesTablesFailsBeforeAnyOutput() throws Exception {
    Path output = dir.resolve("not-written");

    assertThatThrownBy(() -> AttributionJob.run(LocalSpark.session(), "--input",
        LocalSpark.touchpoints(dir, 100, 3, 1).toString(), "--output", output.toString(),
        "--jdbc-url", SERVER + "postgres", "--jdbc-user", "postgres"))
        .isInstanceOf(JobException.class)
        .hasMessageContaining("no table journeys");
    assertThat(output).doesNotExist();
  }

  private static List<List<Object>> query(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(url, "postgres", ""); Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int c = 1; c <= columns; c++) {
          row.add(rs.getObject(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
