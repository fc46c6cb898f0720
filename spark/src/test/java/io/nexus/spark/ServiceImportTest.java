package io.nexus.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service output, end to end: the real service (the reactor's jar, on a fresh PostgreSQL database) imports what
 * the job sends with {@code --service-url}, and stores and answers the command line's numbers for the same file.
 */
class ServiceImportTest {
  static final String MODELS = "first_touch,linear,position_based,markov,markov(order=3),participation";
  /** The service's model each spec is matched to: the seeded ones by what they run, markov(order=3) added. */
  static final Map<String, String> MODEL_NAMES = Map.of("first_touch", "First Touch", "linear", "Linear",
      "position_based", "Position Based", "markov", "Markov Chain", "markov(order=3)", "markov(order=3)",
      "participation", "Participation");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static ServiceProcess service;
  static Path input;
  static String runId;
  static JobSummary summary;
  /** The command line's journey credits by {@code journey|model|channel}: credit, conversions, value. */
  static final Map<String, double[]> cli = new HashMap<>();
  static final Set<String> cliJourneys = new HashSet<>();

  @BeforeAll
  static void runTheJobIntoTheServiceAndTheCommandLineOnTheSameFile() throws Exception {
    service = ServiceProcess.start(dir);
    input = LocalSpark.touchpoints(dir, 2_000, 6, 21);
    runId = "test-" + UUID.randomUUID();
    summary = AttributionJob.run(LocalSpark.session(), "--input", input.toString(), "--models", MODELS,
        "--output", dir.resolve("out").toString(), "--service-url", service.baseUrl(), "--service-batch-size", "97",
        "--service-run-id", runId);
    LocalSpark.nexus("attribute", "--input", input.toString(), "--format", "touchpoints", "--models", MODELS,
        "--output", dir.resolve("cli.csv").toString(), "--journey-credits", dir.resolve("cli-credits.csv").toString());
    List<String> lines = Files.readAllLines(dir.resolve("cli-credits.csv"), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      cli.put(cells[0] + "|" + cells[1] + "|" + cells[2], new double[] {Double.parseDouble(cells[3]),
          Double.parseDouble(cells[4]), Double.parseDouble(cells[5])});
      cliJourneys.add(cells[0]);
    }
  }

  @AfterAll
  static void stopTheService() throws InterruptedException {
    if (service != null) {
      service.stop();
    }
  }

  @Test
  void importsEveryCreditedJourneyOnceWithARowPerModelAndChannel() throws Exception {
    assertThat(summary.serviceJourneys()).isEqualTo(cliJourneys.size());
    assertThat(summary.serviceJourneysAlreadyImported()).isZero();
    assertThat(summary.serviceSource()).isEqualTo("nexus-spark:" + runId);
    assertThat(query("SELECT count(*) FROM journeys")).containsExactly(List.of((long) cliJourneys.size()));
    assertThat(query("SELECT count(DISTINCT session_id) FROM journeys")).containsExactly(
        List.of((long) cliJourneys.size()));
    assertThat(query("SELECT count(*) FROM journeys WHERE session_id NOT LIKE user_id || '#%'"))
        .containsExactly(List.of(0L));
    assertThat(query("SELECT count(*) FROM attribution_results")).containsExactly(List.of((long) cli.size()));
    assertThat(summary.serviceResults()).isEqualTo(cli.size());
  }

  @Test
  void storesTheCommandLinesCreditsToTheDigitsItKeeps() throws Exception {
    List<String> mismatches = new ArrayList<>();
    Map<String, String> specByName = new HashMap<>();
    MODEL_NAMES.forEach((spec, name) -> specByName.put(name, spec));
    for (List<Object> row : query("SELECT j.session_id, m.name, c.name, r.credit, r.attributed_conversions,"
        + " r.attributed_revenue, j.conversion_value FROM attribution_results r JOIN journeys j ON j.id = r.journey_id"
        + " JOIN attribution_models m ON m.id = r.attribution_model_id JOIN channels c ON c.id = r.channel_id")) {
      String key = row.get(0) + "|" + specByName.get((String) row.get(1)) + "|" + row.get(2);
      double[] expected = cli.get(key);
      if (expected == null) {
        mismatches.add(key + ": not in the command line's credits");
        continue;
      }
      BigDecimal revenue = (BigDecimal) row.get(5);
      BigDecimal unit = BigDecimal.ONE.movePointLeft(Math.max(2, ((BigDecimal) row.get(6)).stripTrailingZeros()
          .scale()));
      if (((BigDecimal) row.get(3)).compareTo(stored(expected[0])) != 0
          || ((BigDecimal) row.get(4)).compareTo(stored(expected[1])) != 0
          || revenue.subtract(BigDecimal.valueOf(expected[2])).abs().compareTo(unit) > 0) {
        mismatches.add(key + ": stored " + row.subList(3, 6) + ", command line " + List.of(expected[0], expected[1],
            expected[2]));
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void theServicesStoredMarkovCreditsAddUpToTheCommandLinesMarkovChannelTotals() throws Exception {
    Map<String, double[]> totals = LocalSpark.totals(dir.resolve("cli.csv"));
    Map<String, String> specByName = new HashMap<>();
    MODEL_NAMES.forEach((spec, name) -> specByName.put(name, spec));
    int compared = 0;
    for (List<Object> row : query("SELECT m.name, c.name, sum(r.attributed_conversions), sum(r.attributed_revenue),"
        + " count(*) FROM attribution_results r JOIN attribution_models m ON m.id = r.attribution_model_id"
        + " JOIN channels c ON c.id = r.channel_id GROUP BY m.name, c.name")) {
      String spec = specByName.get((String) row.get(0));
      if (!spec.startsWith("markov")) {
        continue;
      }
      double[] want = totals.get(spec + "|" + row.get(1));
      double conversions = ((BigDecimal) row.get(2)).doubleValue();
      double revenue = ((BigDecimal) row.get(3)).doubleValue();
      long journeys = (Long) row.get(4);
      assertThat(conversions).as(spec + " " + row.get(1)).isCloseTo(want[0], offset(1e-9 * Math.max(1, want[0])));
      // Each journey's revenue is stored split to the cent: less than a cent off per journey.
      assertThat(revenue).as(spec + " " + row.get(1)).isCloseTo(want[1], offset(0.01 * journeys));
      compared++;
    }
    assertThat(compared).isEqualTo((int) totals.keySet().stream().filter(k -> k.startsWith("markov")).count());
  }

  @Test
  void additiveResultsAddUpToEachJourneysValueExactly() throws Exception {
    assertThat(query("SELECT count(*) FROM (SELECT j.id FROM attribution_results r JOIN journeys j"
        + " ON j.id = r.journey_id JOIN attribution_models m ON m.id = r.attribution_model_id"
        + " WHERE m.model_type <> 'participation' GROUP BY j.id, m.id, j.conversion_value"
        + " HAVING sum(r.attributed_revenue) <> j.conversion_value) AS off")).containsExactly(List.of(0L));
    assertThat(query("SELECT count(*) FROM attribution_results WHERE channel_cost > 0 AND (roi IS NULL"
        + " OR roi <> round((attributed_revenue - channel_cost) * 100 / channel_cost, 4)"
        + " OR roas <> round(attributed_revenue / channel_cost, 6))")).containsExactly(List.of(0L));
    assertThat(query("SELECT count(*) FROM attribution_results WHERE channel_cost = 0 AND roi IS NOT NULL"))
        .containsExactly(List.of(0L));
  }

  @Test
  void namesChannelsByTheirNamesAndDirectAsDirectTraffic() throws Exception {
    assertThat(query("SELECT DISTINCT c.name, c.channel_type FROM attribution_results r JOIN channels c"
        + " ON c.id = r.channel_id ORDER BY c.name")).containsExactly(List.of("direct", "direct"),
        List.of("display", "other"), List.of("email", "other"), List.of("search", "other"),
        List.of("social", "other"), List.of("video", "other"));
  }

  @Test
  void theServiceAnswersForImportedJourneysAsItStoredThem() throws Exception {
    List<List<Object>> sample = query("SELECT j.id FROM journeys j ORDER BY j.id LIMIT 5");
    for (List<Object> journey : sample) {
      long id = (Long) journey.get(0);
      JsonNode answer = post("/api/v1/attribution/calculate/" + id + "/3?use_cache=false", "");
      for (JsonNode credit : answer.get("attributions")) {
        List<List<Object>> stored = query("SELECT credit, attributed_revenue, roi FROM attribution_results"
            + " WHERE journey_id = " + id + " AND attribution_model_id = 3 AND channel_id = "
            + credit.get("channel_id").asLong());
        assertThat(stored).hasSize(1);
        assertThat(stored(credit.get("credit").asDouble())).isEqualByComparingTo((BigDecimal) stored.get(0).get(0));
        assertThat(credit.get("attributed_revenue").decimalValue())
            .isEqualByComparingTo((BigDecimal) stored.get(0).get(1));
      }
    }
    JsonNode rows = post("/api/v1/attribution/analytics/channel-roi", "{\"start_date\":\"2000-01-01\","
        + "\"end_date\":\"2100-01-01\",\"attribution_model_id\":1}");
    Map<String, BigDecimal> reported = new HashMap<>();
    rows.forEach(r -> reported.put(r.get("channel_name").asText(), r.get("attributed_revenue").decimalValue()));
    for (List<Object> channel : query("SELECT c.name, sum(r.attributed_revenue) FROM attribution_results r"
        + " JOIN channels c ON c.id = r.channel_id WHERE r.attribution_model_id = 1 GROUP BY c.name")) {
      assertThat(reported.get((String) channel.get(0))).as((String) channel.get(0))
          .isEqualByComparingTo(((BigDecimal) channel.get(1)).setScale(2, RoundingMode.HALF_UP));
    }
  }

  @Test
  void runningAgainUnderTheSameRunIdImportsNothingTwice() throws Exception {
    JobSummary again = AttributionJob.run(LocalSpark.session(), "--input", input.toString(), "--models", MODELS,
        "--output", dir.resolve("again").toString(), "--service-url", service.baseUrl(), "--service-run-id", runId,
        "--no-journey-credits");

    assertThat(again.serviceJourneys()).isZero();
    assertThat(again.serviceJourneysAlreadyImported()).isEqualTo(cliJourneys.size());
    assertThat(again.serviceResults()).isZero();
    assertThat(query("SELECT count(*) FROM journeys")).containsExactly(List.of((long) cliJourneys.size()));
    assertThat(query("SELECT count(*) FROM attribution_results")).containsExactly(List.of((long) cli.size()));
  }

  @Test
  void aServiceThatCannotBeReachedFailsTheJobBeforeAnyOutput() throws Exception {
    Path output = dir.resolve("not-written");
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed;

    assertThatThrownBy(() -> AttributionJob.run(LocalSpark.session(), "--input", input.toString(), "--output",
        output.toString(), "--service-url", url))
        .isInstanceOf(JobException.class).hasMessageContaining("--service-url " + url)
        .hasMessageContaining("cannot reach the service");
    assertThat(output).doesNotExist();
  }

  @Test
  void theOldJdbcOptionSaysWhatReplacedIt() {
    assertThatThrownBy(() -> AttributionJob.run(LocalSpark.session(), "--input", input.toString(), "--output",
        dir.resolve("jdbc").toString(), "--jdbc-url", "jdbc:postgresql://127.0.0.1/nexus"))
        .isInstanceOf(JobException.class).hasMessageContaining("--service-url");
  }

  /** A double as the service stores credits and conversions: its shortest decimal, 12 places, half up. */
  private static BigDecimal stored(double value) {
    return BigDecimal.valueOf(value).setScale(12, RoundingMode.HALF_UP);
  }

  private static JsonNode post(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(service.baseUrl() + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<List<Object>> query(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection db = service.database(); Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
