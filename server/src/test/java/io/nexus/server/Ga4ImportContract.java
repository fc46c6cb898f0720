package io.nexus.server;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.nexus.server.support.Api;
import io.nexus.server.support.Imports;
import io.nexus.server.support.DefaultTenant;
import io.nexus.server.support.GoogleStubs;
import io.nexus.server.support.GoogleStubs.ExportRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GA4 imports from BigQuery itself ({@code POST /integrations/google_analytics/import}), reconciled against the Data
 * API, with every Google API stubbed by WireMock in the shapes Google documents and a generated service-account key.
 * Each test's users and transaction ids carry a prefix of their own.
 */
@ExtendWith(DefaultTenant.class)
@SpringBootTest(properties = {"nexus.jobs.heartbeat=PT0.2S", "nexus.jobs.stale-after=PT1S"})
@AutoConfigureMockMvc
abstract class Ga4ImportContract {
  private static final Path GA4_EXPORT = Path.of("..", "examples", "ga4-export", "events.ndjson.gz");
  static final GoogleStubs GOOGLE = new GoogleStubs();
  static final Path IMPORT_DIR = folder();

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;
  @Autowired
  JdbcTemplate jdbc;

  Api api;
  String prefix;

  static void google(DynamicPropertyRegistry registry) {
    registry.add("nexus.ga4.credentials-file", () -> GOOGLE.keyFile().toString());
    registry.add("nexus.ga4.bigquery-project", () -> GoogleStubs.PROJECT);
    registry.add("nexus.ga4.bigquery-dataset", () -> GoogleStubs.DATASET);
    registry.add("nexus.ga4.bigquery-api-url", GOOGLE::baseUrl);
    registry.add("nexus.ga4.property-id", () -> GoogleStubs.PROPERTY);
    registry.add("nexus.ga4.data-api-url", GOOGLE::baseUrl);
    registry.add("nexus.ga4.retry-delay", () -> "PT0.01S");
    registry.add("nexus.ga4.max-attempts", () -> "3");
    registry.add("nexus.ga4.page-size", () -> "2");
    registry.add("nexus.integrations.import-dir", IMPORT_DIR::toString);
  }

  private static Path folder() {
    try {
      Path dir = Files.createTempDirectory("nexus-imports");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
    prefix = "bq" + System.nanoTime() + "-";
    GOOGLE.reset();
  }

  /** The example export's 800 events with this test's prefix on users and transaction ids. */
  private List<String> example() throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        Files.newInputStream(GA4_EXPORT)), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line.replace("\"user_pseudo_id\": \"", "\"user_pseudo_id\": \"" + prefix)
            .replace("\"transaction_id\": \"", "\"transaction_id\": \"" + prefix));
      }
    }
    return lines;
  }

  /** A session event of the test's {@code user}. */
  private String session(String user, long session, String at, String extra) {
    long micros = Instant.parse(at).toEpochMilli() * 1000;
    return "{\"event_date\":\"" + at.substring(0, 10).replace("-", "") + "\",\"event_timestamp\":" + micros
        + ",\"event_name\":\"session_start\",\"event_params\":[{\"key\":\"ga_session_id\",\"value\":{"
        + "\"string_value\":null,\"int_value\":" + session + ",\"float_value\":null,\"double_value\":null}}],"
        + "\"user_id\":null,\"user_pseudo_id\":\"" + prefix + user + "\"" + extra + "}";
  }

  /** A purchase of the test's {@code user}. */
  private String purchase(String user, long session, String at, String transaction, String revenue) {
    long micros = Instant.parse(at).toEpochMilli() * 1000;
    return "{\"event_date\":\"" + at.substring(0, 10).replace("-", "") + "\",\"event_timestamp\":" + micros
        + ",\"event_name\":\"purchase\",\"event_params\":[{\"key\":\"ga_session_id\",\"value\":{"
        + "\"string_value\":null,\"int_value\":" + session + ",\"float_value\":null,\"double_value\":null}}],"
        + "\"user_id\":null,\"user_pseudo_id\":\"" + prefix + user + "\",\"ecommerce\":{\"transaction_id\":\""
        + prefix + transaction + "\",\"purchase_revenue\":" + revenue + "}}";
  }

  /** BigQuery answers {@code events} on one page. */
  private void onePage(List<String> events) {
    GOOGLE.server().stubFor(post(urlPathEqualTo(GoogleStubs.queries()))
        .willReturn(okJson(GoogleStubs.queryResponse("job_one", events.size(), events, null))));
  }

  /** BigQuery answers the example export on three pages: 300 rows from jobs.query, 300 and 200 from tabledata. */
  private void threePages(List<String> events) {
    GOOGLE.server().stubFor(post(urlPathEqualTo(GoogleStubs.queries())).willReturn(okJson(
        GoogleStubs.queryResponse("job_3", events.size(), events.subList(0, 300), "page2"))));
    GOOGLE.server().stubFor(get(urlPathEqualTo("/bigquery/v2/projects/" + GoogleStubs.PROJECT + "/jobs/job_3"))
        .willReturn(okJson(GoogleStubs.job("job_3"))));
    GOOGLE.server().stubFor(get(urlPathEqualTo(GoogleStubs.tableData("job_3"))).withQueryParam("pageToken",
        equalTo("page2")).willReturn(okJson(GoogleStubs.tableDataResponse(events.size(), events.subList(300, 600),
        "page3"))));
    GOOGLE.server().stubFor(get(urlPathEqualTo(GoogleStubs.tableData("job_3"))).withQueryParam("pageToken",
        equalTo("page3")).willReturn(okJson(GoogleStubs.tableDataResponse(events.size(), events.subList(600, 800),
        null))));
  }

  private Api.Answer importRange(String start, String end) {
    return api.post("/integrations/google_analytics/import",
        "{\"start_date\":\"" + start + "\",\"end_date\":\"" + end + "\"}");
  }




  @Test
  void anImportReadsEveryPageOfTheQueryIntoTheJourneysAnUploadMakes() throws IOException {
    threePages(example());

    JsonNode job = Imports.finished(api, importRange("2025-01-01", "2025-01-31"));

    // The numbers of the same export uploaded (IntegrationsContract) and attributed by bin/nexus (Ga4ExportTest).
    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("rows_read").asLong()).isEqualTo(800);
    assertThat(job.get("journeys").asLong()).isEqualTo(300);
    assertThat(job.get("touchpoints").asLong()).isEqualTo(400);
    assertThat(job.get("conversions").asLong()).isEqualTo(200);
    assertThat(job.get("duplicate_events").asLong()).isEqualTo(100);
    assertThat(Imports.journeyOf(api, prefix + "1000000.1735000000")).isEqualTo("1 3 = 50");
    assertThat(Imports.journeyOf(api, prefix + "1000001.1735000000")).isEqualTo("7 = 30");
    assertThat(Imports.journeyOf(api, prefix + "1000002.1735000000")).isEqualTo("2 = 0");
    GOOGLE.server().verify(postRequestedFor(urlPathEqualTo("/token")));
    GOOGLE.server().verify(postRequestedFor(urlPathEqualTo(GoogleStubs.queries()))
        .withHeader("Authorization", equalTo("Bearer " + GoogleStubs.TOKEN))
        .withRequestBody(matchingJsonPath("$.query", com.github.tomakehurst.wiremock.client.WireMock.containing(
            "`" + GoogleStubs.PROJECT + "." + GoogleStubs.DATASET + ".events_*`")))
        .withRequestBody(matchingJsonPath("$.query", com.github.tomakehurst.wiremock.client.WireMock.containing(
            "_TABLE_SUFFIX BETWEEN @first_day AND @last_day")))
        .withRequestBody(matchingJsonPath("$.queryParameters[?(@.name == 'first_day')].parameterValue.value",
            equalTo("20250101")))
        .withRequestBody(matchingJsonPath("$.queryParameters[?(@.name == 'last_day')].parameterValue.value",
            equalTo("20250131"))));
    GOOGLE.server().verify(getRequestedFor(urlPathEqualTo(GoogleStubs.tableData("job_3")))
        .withQueryParam("pageToken", equalTo("page3")));
  }

  @Test
  void importingTheSameRangeAgainAddsNothing() throws IOException {
    threePages(example());
    Imports.finished(api, importRange("2025-01-01", "2025-01-31"));

    JsonNode again = Imports.finished(api, importRange("2025-01-01", "2025-01-31"));

    assertThat(again.get("status").asString()).isEqualTo("succeeded");
    assertThat(again.get("rows_read").asLong()).isEqualTo(800);
    assertThat(again.get("journeys").asLong()).isZero();
    assertThat(again.get("touchpoints").asLong()).isZero();
    assertThat(again.get("duplicate_events").asLong()).isEqualTo(700);
    assertThat(Imports.journeysOf(api, prefix + "1000000.1735000000")).isEqualTo(1);
  }

  @Test
  void anImportInterruptedHalfwayStoresNothingAndSaysWhereItStopped() throws IOException {
    List<String> events = example();
    threePages(events);
    // The second page never comes: BigQuery answers 503 backendError to every attempt.
    GOOGLE.server().stubFor(get(urlPathEqualTo(GoogleStubs.tableData("job_3"))).withQueryParam("pageToken",
        equalTo("page2")).atPriority(1).willReturn(GoogleStubs.error(503, GoogleStubs.bigQueryError(503,
        "UNAVAILABLE", "backendError", "Error encountered during execution. Retrying may solve the problem."))));

    JsonNode job = Imports.finished(api, importRange("2025-01-01", "2025-01-31"));

    assertThat(job.get("status").asString()).isEqualTo("failed");
    assertThat(job.get("error").asString())
        .contains("stopped after 300 rows on 1 page, events up to 2025-01-")
        .contains("503").contains("backendError").contains("nothing of this import was stored");
    assertThat(Imports.journeysOf(api, prefix + "1000000.1735000000")).isZero();
    GOOGLE.server().verify(3, getRequestedFor(urlPathEqualTo(GoogleStubs.tableData("job_3")))
        .withQueryParam("pageToken", equalTo("page2")));

    GOOGLE.reset();
    threePages(events);
    JsonNode retried = Imports.finished(api, importRange("2025-01-01", "2025-01-31"));
    assertThat(retried.get("status").asString()).isEqualTo("succeeded");
    assertThat(retried.get("journeys").asLong()).isEqualTo(300);
  }

  @Test
  void anEmptyRangeImportsNothing() {
    onePage(List.of());

    JsonNode job = Imports.finished(api, importRange("2024-06-01", "2024-06-02"));

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("rows_read").asLong()).isZero();
    assertThat(job.get("journeys").asLong()).isZero();
  }

  @Test
  void malformedRowsAreRefusedWithTheirPositionAndTheOthersStored() {
    onePage(List.of(session("a", 1, "2025-02-01T10:00:00Z", ""),
        "{broken",
        "{\"event_name\":\"page_view\",\"user_pseudo_id\":\"" + prefix + "b\"}",
        purchase("a", 1, "2025-02-01T10:05:00Z", "T1", "-5")));

    JsonNode job = Imports.finished(api, importRange("2025-02-01", "2025-02-01"));

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("rows_read").asLong()).isEqualTo(4);
    assertThat(job.get("rejected_rows").asLong()).isEqualTo(3);
    JsonNode rejections = job.get("rejections");
    assertThat(rejections.get(0).get("line").asLong()).isEqualTo(2);
    assertThat(rejections.get(0).get("reason").asString()).startsWith("row 2 of the query: not valid JSON");
    assertThat(rejections.get(1).get("reason").asString()).contains("event_timestamp");
    assertThat(rejections.get(2).get("reason").asString()).contains("must not be negative");
    assertThat(job.get("touchpoints").asLong()).isEqualTo(1);
    assertThat(Imports.journeysOf(api, prefix + "a")).isEqualTo(1);
  }

  @Test
  void bigQueryRefusingAccessFailsTheImportNamingTheRolesNeeded() {
    GOOGLE.server().stubFor(post(urlPathEqualTo(GoogleStubs.queries())).willReturn(GoogleStubs.error(403,
        GoogleStubs.bigQueryError(403, "PERMISSION_DENIED", "accessDenied", "Access Denied: Project "
            + GoogleStubs.PROJECT + ": User does not have bigquery.jobs.create permission in project "
            + GoogleStubs.PROJECT + "."))));

    JsonNode job = Imports.finished(api, importRange("2025-02-01", "2025-02-01"));

    assertThat(job.get("status").asString()).isEqualTo("failed");
    assertThat(job.get("error").asString()).contains("403").contains("accessDenied")
        .contains("bigquery.jobs.create").contains("roles/bigquery.jobUser").contains("roles/bigquery.dataViewer")
        .doesNotContain("PRIVATE KEY");
  }

  @Test
  void bigQueryRefusingTheTokenFailsTheImportSayingSo() {
    GOOGLE.server().stubFor(post(urlPathEqualTo(GoogleStubs.queries())).willReturn(GoogleStubs.error(401,
        GoogleStubs.bigQueryError(401, "UNAUTHENTICATED", "authError", "Request had invalid authentication "
            + "credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential."))));

    JsonNode job = Imports.finished(api, importRange("2025-02-01", "2025-02-01"));

    assertThat(job.get("status").asString()).isEqualTo("failed");
    assertThat(job.get("error").asString()).contains("401").contains("GOOGLE_APPLICATION_CREDENTIALS")
        .doesNotContain(GoogleStubs.TOKEN);
  }

  @Test
  void theTokenEndpointRefusingTheKeyFailsTheImportSayingSo() {
    GOOGLE.server().stubFor(post(urlPathEqualTo("/token")).atPriority(1).willReturn(GoogleStubs.error(400,
        "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}")));

    JsonNode job = Imports.finished(api, importRange("2025-02-01", "2025-02-01"));

    assertThat(job.get("status").asString()).isEqualTo("failed");
    assertThat(job.get("error").asString()).contains("invalid_grant");
  }

  @Test
  void bigQueryThrottlingIsRetriedUntilItAnswers() {
    GOOGLE.server().stubFor(post(urlPathEqualTo(GoogleStubs.queries())).inScenario("throttled")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("calm").willReturn(GoogleStubs.error(403,
            GoogleStubs.bigQueryError(403, "PERMISSION_DENIED", "rateLimitExceeded", "Exceeded rate limits: too many "
                + "api requests per user per method for this user_method."))));
    GOOGLE.server().stubFor(post(urlPathEqualTo(GoogleStubs.queries())).inScenario("throttled")
        .whenScenarioStateIs("calm").willReturn(okJson(GoogleStubs.queryResponse("job_t", 1,
            List.of(session("a", 1, "2025-02-01T10:00:00Z", "")), null))));

    JsonNode job = Imports.finished(api, importRange("2025-02-01", "2025-02-01"));

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("touchpoints").asLong()).isEqualTo(1);
    GOOGLE.server().verify(2, postRequestedFor(urlPathEqualTo(GoogleStubs.queries())));
  }

  /** Two days: A comes by paid search and buys for 100, B comes direct; the next day A comes by e-mail and buys. */
  private void twoDays() {
    onePage(List.of(
        session("a", 1, "2025-02-01T10:00:00Z", ",\"collected_traffic_source\":{\"gclid\":\"Cj0K\"}"),
        purchase("a", 1, "2025-02-01T10:05:00Z", "T1", "100.00"),
        session("b", 1, "2025-02-01T12:00:00Z", ""),
        session("a", 2, "2025-02-02T09:00:00Z", ",\"session_traffic_source_last_click\":{\"manual_campaign\":{"
            + "\"source\":\"newsletter\",\"medium\":\"email\",\"campaign_name\":\"feb\"}}"),
        purchase("a", 2, "2025-02-02T09:10:00Z", "T2", "50.50"),
        purchase("a", 2, "2025-02-02T09:11:00Z", "T2", "50.50")));
  }

  private static String reportRow(String date, String source, String medium, String campaign, String sessions,
      String keyEvents, String revenue, String cost) {
    return "{\"dimensionValues\":[{\"value\":\"" + date + "\"},{\"value\":\"" + source + "\"},{\"value\":\""
        + medium + "\"},{\"value\":\"" + campaign + "\"}],\"metricValues\":[{\"value\":\"" + sessions + "\"},"
        + "{\"value\":\"" + keyEvents + "\"},{\"value\":\"" + revenue + "\"},{\"value\":\"" + cost + "\"}]}";
  }

  private static String report(long rowCount, String... rows) {
    return "{\"dimensionHeaders\":[{\"name\":\"date\"},{\"name\":\"sessionSource\"},{\"name\":\"sessionMedium\"},"
        + "{\"name\":\"sessionCampaignName\"}],\"metricHeaders\":[{\"name\":\"sessions\",\"type\":\"TYPE_INTEGER\"},"
        + "{\"name\":\"keyEvents\",\"type\":\"TYPE_INTEGER\"},{\"name\":\"purchaseRevenue\",\"type\":\"TYPE_CURRENCY\"},"
        + "{\"name\":\"advertiserAdCost\",\"type\":\"TYPE_CURRENCY\"}],"
        + (rows.length == 0 ? "" : "\"rows\":[" + String.join(",", rows) + "],\"rowCount\":" + rowCount + ",")
        + "\"metadata\":{\"currencyCode\":\"USD\",\"timeZone\":\"Etc/GMT\"},\"kind\":\"analyticsData#runReport\"}";
  }

  private static String runReport() {
    return "/v1beta/properties/" + GoogleStubs.PROPERTY + ":runReport";
  }

  @Test
  void theImportReportsEachDayBesideGa4sOwnCountsReadPageByPage() {
    twoDays();
    GOOGLE.server().stubFor(post(urlPathEqualTo(runReport())).withRequestBody(matchingJsonPath("$.offset",
        equalTo("0"))).willReturn(okJson(report(3,
            reportRow("20250201", "google", "cpc", "(not set)", "1", "1", "100", "12.34"),
            reportRow("20250201", "(direct)", "(none)", "(not set)", "2", "0", "0", "0")))));
    GOOGLE.server().stubFor(post(urlPathEqualTo(runReport())).withRequestBody(matchingJsonPath("$.offset",
        equalTo("2"))).willReturn(okJson(report(3,
            reportRow("20250202", "newsletter", "email", "feb", "1", "2", "75.5", "0")))));

    JsonNode job = Imports.finished(api, importRange("2025-02-01", "2025-02-02"));

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("reconciliation_note").isNull()).isTrue();
    JsonNode first = job.get("reconciliation").get(0);
    assertThat(first.get("date").asString()).isEqualTo("2025-02-01");
    assertThat(first.get("platform_sessions").asLong()).isEqualTo(3);
    assertThat(first.get("imported_sessions").asLong()).isEqualTo(2);
    assertThat(first.get("sessions_difference").asLong()).isEqualTo(-1);
    assertThat(first.get("platform_conversions").asLong()).isEqualTo(1);
    assertThat(first.get("imported_conversions").asLong()).isEqualTo(1);
    assertThat(first.get("revenue_difference").decimalValue()).isEqualByComparingTo("0");
    JsonNode second = job.get("reconciliation").get(1);
    assertThat(second.get("date").asString()).isEqualTo("2025-02-02");
    assertThat(second.get("platform_conversions").asLong()).isEqualTo(2);
    assertThat(second.get("imported_conversions").asLong()).isEqualTo(1);
    assertThat(second.get("conversions_difference").asLong()).isEqualTo(-1);
    assertThat(second.get("platform_revenue").decimalValue()).isEqualByComparingTo("75.5");
    assertThat(second.get("imported_revenue").decimalValue()).isEqualByComparingTo("50.50");
    assertThat(second.get("revenue_difference").decimalValue()).isEqualByComparingTo("-25.00");
    assertThat(job.get("reconciliation").size()).isEqualTo(2);
    GOOGLE.server().verify(postRequestedFor(urlPathEqualTo(runReport()))
        .withHeader("Authorization", equalTo("Bearer " + GoogleStubs.TOKEN))
        .withRequestBody(matchingJsonPath("$.dateRanges[0].startDate", equalTo("2025-02-01")))
        .withRequestBody(matchingJsonPath("$.dimensions[3].name", equalTo("sessionCampaignName")))
        .withRequestBody(matchingJsonPath("$.metrics[3].name", equalTo("advertiserAdCost")))
        .withRequestBody(matchingJsonPath("$.limit", equalTo("2"))));
    GOOGLE.server().verify(2, postRequestedFor(urlPathEqualTo(runReport())));
  }

  @Test
  void anEmptyGa4ReportShowsEveryImportedDayAgainstZero() {
    twoDays();
    GOOGLE.server().stubFor(post(urlPathEqualTo(runReport())).willReturn(okJson(report(0))));

    JsonNode job = Imports.finished(api, importRange("2025-02-01", "2025-02-02"));

    JsonNode first = job.get("reconciliation").get(0);
    assertThat(first.get("platform_sessions").asLong()).isZero();
    assertThat(first.get("imported_sessions").asLong()).isEqualTo(2);
    assertThat(first.get("sessions_difference").asLong()).isEqualTo(2);
    assertThat(job.get("reconciliation").get(1).get("revenue_difference").decimalValue())
        .isEqualByComparingTo("50.50");
  }

  @Test
  void ga4RefusingTheReportKeepsTheImportAndSaysWhyItIsNotReconciled() {
    twoDays();
    GOOGLE.server().stubFor(post(urlPathEqualTo(runReport())).willReturn(GoogleStubs.error(403,
        GoogleStubs.dataApiError(403, "PERMISSION_DENIED", "User does not have sufficient permissions for this "
            + "property."))));

    JsonNode job = Imports.finished(api, importRange("2025-02-01", "2025-02-02"));

    assertThat(job.get("status").asString()).isEqualTo("succeeded");
    // A's purchase on each day closes a journey; B's visit is the third.
    assertThat(job.get("journeys").asLong()).isEqualTo(3);
    assertThat(job.get("reconciliation")).isEmpty();
    assertThat(job.get("reconciliation_note").asString()).contains("403 PERMISSION_DENIED")
        .contains("sufficient permissions").contains("Viewer");
  }

  @Test
  void ga4ThrottlingIsRetriedUntilTheReportComes() {
    twoDays();
    GOOGLE.server().stubFor(post(urlPathEqualTo(runReport())).inScenario("quota")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("refilled").willReturn(GoogleStubs.error(429,
            GoogleStubs.dataApiError(429, "RESOURCE_EXHAUSTED", "Exhausted concurrent requests quota."))));
    GOOGLE.server().stubFor(post(urlPathEqualTo(runReport())).inScenario("quota").whenScenarioStateIs("refilled")
        .willReturn(okJson(report(1, reportRow("20250201", "google", "cpc", "(not set)", "1", "1", "100", "0")))));

    JsonNode job = Imports.finished(api, importRange("2025-02-01", "2025-02-02"));

    assertThat(job.get("reconciliation_note").isNull()).as("%s", job).isTrue();
    assertThat(job.get("reconciliation").get(0).get("platform_sessions").asLong()).isEqualTo(1);
    GOOGLE.server().verify(2, postRequestedFor(urlPathEqualTo(runReport())));
  }

  /** GA4's report of 10 and 11 March: Google Ads cost of two campaigns, other paid traffic, a day without cost. */
  private void costReport(String... secondPageRows) {
    GOOGLE.server().stubFor(post(urlPathEqualTo(runReport())).withRequestBody(matchingJsonPath("$.offset",
        equalTo("0"))).willReturn(okJson(report(2 + secondPageRows.length,
            reportRow("20250310", "google", "cpc", "spring", "3", "1", "80", "12.34"),
            reportRow("20250310", "facebook", "cpc", "spring", "2", "0", "0", "5.00")))));
    GOOGLE.server().stubFor(post(urlPathEqualTo(runReport())).withRequestBody(matchingJsonPath("$.offset",
        equalTo("2"))).willReturn(okJson(report(2 + secondPageRows.length, secondPageRows))));
  }

  private JsonNode googleAdsCost() {
    return api.get("/spend?platform=google_analytics&account_id=properties/" + GoogleStubs.PROPERTY
        + "&start_date=2025-03-10&end_date=2025-03-11", 200);
  }

  private long channelNamed(String name) {
    for (JsonNode channel : api.get("/channels", 200)) {
      if (channel.get("name").asString().equals(name)) {
        return channel.get("id").asLong();
      }
    }
    throw new AssertionError("no channel " + name);
  }

  @Test
  void googleAdsCostInGa4sReportIsStoredAsSpendOfThePropertyReplacingItsDays() {
    onePage(List.of(session("a", 1, "2025-03-10T10:00:00Z", ",\"collected_traffic_source\":{\"gclid\":\"Cj0K\"}")));
    costReport(reportRow("20250311", "google", "cpc", "spring", "1", "0", "0", "7.5"),
        reportRow("20250311", "google", "cpc", "brand", "1", "0", "0", "0"));

    JsonNode job = Imports.finished(api, importRange("2025-03-10", "2025-03-11"));

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    // google / cpc with cost: spring on both days; facebook's cost and brand's costless day are not Google Ads cost.
    assertThat(job.get("spend_rows").asLong()).isEqualTo(2);
    JsonNode stored = googleAdsCost();
    assertThat(stored.get("total_items").asLong()).isEqualTo(2);
    assertThat(stored.get("totals").get(0).get("spend").decimalValue()).isEqualByComparingTo("19.84");
    JsonNode first = stored.get("items").get(0);
    assertThat(first.get("date").asString()).isEqualTo("2025-03-10");
    assertThat(first.get("campaign_id").asString()).isEqualTo("spring");
    assertThat(first.get("currency").asString()).isEqualTo("USD");
    assertThat(first.get("spend").decimalValue()).isEqualByComparingTo("12.34");
    assertThat(first.get("channel_id").asLong()).isEqualTo(channelNamed("Paid Search"));

    GOOGLE.reset();
    onePage(List.of(session("a", 1, "2025-03-10T10:00:00Z", ",\"collected_traffic_source\":{\"gclid\":\"Cj0K\"}")));
    costReport();
    JsonNode again = Imports.finished(api, importRange("2025-03-10", "2025-03-11"));

    // GA4 no longer reports cost on the 11th: the property's days are replaced, not added to.
    assertThat(again.get("spend_rows").asLong()).isEqualTo(1);
    JsonNode replaced = googleAdsCost();
    assertThat(replaced.get("total_items").asLong()).isEqualTo(1);
    assertThat(replaced.get("totals").get(0).get("spend").decimalValue()).isEqualByComparingTo("12.34");
  }

  @Test
  void ga4RefusingTheReportKeepsTheGoogleAdsCostStoredBefore() {
    onePage(List.of(session("a", 1, "2025-03-10T10:00:00Z", "")));
    costReport(reportRow("20250311", "google", "cpc", "spring", "1", "0", "0", "7.5"));
    Imports.finished(api, importRange("2025-03-10", "2025-03-11"));
    GOOGLE.reset();
    onePage(List.of(session("a", 1, "2025-03-10T10:00:00Z", "")));
    GOOGLE.server().stubFor(post(urlPathEqualTo(runReport())).willReturn(GoogleStubs.error(403,
        GoogleStubs.dataApiError(403, "PERMISSION_DENIED", "User does not have sufficient permissions for this "
            + "property."))));

    JsonNode job = Imports.finished(api, importRange("2025-03-10", "2025-03-11"));

    assertThat(job.get("status").asString()).isEqualTo("succeeded");
    assertThat(job.get("spend_rows").asLong()).isZero();
    assertThat(job.get("reconciliation_note").asString()).contains("no Google Ads cost taken").contains("403");
    assertThat(googleAdsCost().get("totals").get(0).get("spend").decimalValue()).isEqualByComparingTo("19.84");
  }

  @Test
  void ga4IsListedConfiguredTakingImportsAndUploads() {
    JsonNode ga4 = null;
    for (JsonNode platform : api.get("/integrations", 200)) {
      if (platform.get("platform").asString().equals("google_analytics")) {
        assertThat(ga4).as("listed once").isNull();
        ga4 = platform;
      }
    }
    assertThat(ga4).isNotNull();
    assertThat(ga4.get("source").asString()).isEqualTo("api");
    assertThat(ga4.get("configured").asBoolean()).isTrue();
    assertThat(ga4.get("accepts_uploads").asBoolean()).isTrue();
  }

  @Test
  void anImportWhoseInstanceDiedIsFailedOnceItsHeartbeatIsStale() {
    // A job another instance was running when it died: running, its heartbeat a minute old, nothing stored.
    jdbc.update("INSERT INTO integration_jobs (platform, status, start_date, end_date, created_at, heartbeat_at) "
        + "VALUES ('google_analytics', 'running', DATE '2025-01-01', DATE '2025-01-31', "
        + "CURRENT_TIMESTAMP - INTERVAL '1' MINUTE, CURRENT_TIMESTAMP - INTERVAL '1' MINUTE)");
    long id = jdbc.queryForObject("SELECT MAX(id) FROM integration_jobs", Long.class);

    JsonNode job = Imports.finished(api, new Api.Answer(202, json.createObjectNode().put("id", id), "application/json"));

    assertThat(job.get("status").asString()).isEqualTo("failed");
    assertThat(job.get("error").asString()).contains("stopped reporting for more than 1 s")
        .contains("nothing of it was stored");
    assertThat(job.get("finished_at").isNull()).isFalse();
  }

  @Test
  void aSlowImportKeepsItsJobAliveWhileItRuns() {
    // BigQuery takes longer than a heartbeat may be late; the instance running the job renews it meanwhile.
    GOOGLE.server().stubFor(post(urlPathEqualTo(GoogleStubs.queries())).willReturn(okJson(GoogleStubs.queryResponse(
        "job_slow", 1, List.of(session("a", 1, "2025-02-01T10:00:00Z", "")), null)).withFixedDelay(2500)));

    JsonNode job = Imports.finished(api, importRange("2025-02-01", "2025-02-01"));

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(Imports.journeysOf(api, prefix + "a")).isEqualTo(1);
  }

  @Test
  void anExportNamedOnTheServerIsReadLikeAnUpload() throws IOException {
    Path file = IMPORT_DIR.resolve("exports").resolve(prefix + "events.ndjson.gz");
    Files.createDirectories(file.getParent());
    try (java.io.Writer out = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(
        Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
      out.write(String.join("\n", example()) + "\n");
    }

    JsonNode job = Imports.finished(api, api.post("/integrations/google_analytics/upload",
        "{\"path\":\"exports/" + prefix + "events.ndjson.gz\"}"));

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("rows_read").asLong()).isEqualTo(800);
    assertThat(job.get("journeys").asLong()).isEqualTo(300);
    assertThat(job.get("conversions").asLong()).isEqualTo(200);
    assertThat(Imports.journeyOf(api, prefix + "1000000.1735000000")).isEqualTo("1 3 = 50");
  }

  @Test
  void onlyRegularFilesInsideTheImportFolderCanBeNamed() throws IOException {
    Path outside = Files.createTempFile("nexus-outside", ".ndjson");
    outside.toFile().deleteOnExit();
    Files.writeString(outside, session("x", 1, "2025-02-01T10:00:00Z", "") + "\n");
    Path link = IMPORT_DIR.resolve(prefix + "link.ndjson");
    Files.createSymbolicLink(link, outside);

    for (String path : List.of("../" + outside.getFileName(), outside.toString(), prefix + "link.ndjson",
        "exports", "missing.ndjson")) {
      Api.Answer refused = api.post("/integrations/google_analytics/upload", "{\"path\":\"" + path + "\"}");
      assertThat(refused.status()).as(path).isEqualTo(422);
      assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("path");
    }
    assertThat(Imports.journeysOf(api, prefix + "x")).isZero();
  }

  /** BigQuery answers {@code rows}, each from its table, on one page. */
  private void onePageOfTables(List<ExportRow> rows) {
    GOOGLE.server().stubFor(post(urlPathEqualTo(GoogleStubs.queries()))
        .willReturn(okJson(GoogleStubs.exportQueryResponse("job_tables", rows.size(), rows, null))));
  }

  private static List<String> days(JsonNode job) {
    List<String> days = new ArrayList<>();
    job.get("intraday_days").forEach(day -> days.add(day.asString()));
    return days;
  }

  @Test
  void theIntradayTablesOfDaysWithoutADailyTableAreReadInTheSameQuery() {
    // 1 April is final (its daily table); 2 April is today, only in events_intraday_20250402 so far.
    onePageOfTables(List.of(
        ExportRow.daily(session("a", 1, "2025-04-01T10:00:00Z", ",\"collected_traffic_source\":{\"gclid\":\"Cj0K\"}")),
        ExportRow.daily(purchase("a", 1, "2025-04-01T10:05:00Z", "T1", "80.00")),
        ExportRow.intraday(session("b", 1, "2025-04-02T09:00:00Z", "")),
        ExportRow.intraday(session("a", 2, "2025-04-02T11:00:00Z", ",\"session_traffic_source_last_click\":{"
            + "\"manual_campaign\":{\"source\":\"newsletter\",\"medium\":\"email\",\"campaign_name\":\"apr\"}}")),
        ExportRow.intraday(purchase("a", 2, "2025-04-02T11:10:00Z", "T2", "20.00"))));

    JsonNode job = Imports.finished(api, importRange("2025-04-01", "2025-04-02"));

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("rows_read").asLong()).isEqualTo(5);
    // A's purchase on each day closes a journey (paid search = 80, e-mail = 20); B's visit is the third.
    assertThat(job.get("journeys").asLong()).isEqualTo(3);
    assertThat(job.get("touchpoints").asLong()).isEqualTo(3);
    assertThat(job.get("conversions").asLong()).isEqualTo(2);
    assertThat(days(job)).containsExactly("2025-04-02");
    assertThat(Imports.journeysOf(api, prefix + "a")).isEqualTo(2);
    assertThat(Imports.journeyOf(api, prefix + "b")).isEqualTo(channelNamed("Direct") + " = 0");
    String dataset = GoogleStubs.PROJECT + "." + GoogleStubs.DATASET;
    GOOGLE.server().verify(postRequestedFor(urlPathEqualTo(GoogleStubs.queries()))
        .withRequestBody(matchingJsonPath("$.query", containing("_TABLE_SUFFIX AS export_table")))
        .withRequestBody(matchingJsonPath("$.query", containing("FROM `" + dataset + ".events_*` AS t")))
        .withRequestBody(matchingJsonPath("$.query", containing("WHERE (_TABLE_SUFFIX BETWEEN @first_day AND @last_day"
            + " OR (_TABLE_SUFFIX BETWEEN CONCAT('intraday_', @first_day) AND CONCAT('intraday_', @last_day)")))
        // An intraday table counts only while its day has no daily table.
        .withRequestBody(matchingJsonPath("$.query", containing("AND CONCAT('events_', SUBSTR(_TABLE_SUFFIX, 10)) "
            + "NOT IN (SELECT table_name FROM `" + dataset + ".INFORMATION_SCHEMA.TABLES` WHERE table_name BETWEEN "
            + "CONCAT('events_', @first_day) AND CONCAT('events_', @last_day))")))
        .withRequestBody(matchingJsonPath("$.query", notContaining("2025")))
        .withRequestBody(matchingJsonPath("$.queryParameters[?(@.name == 'first_day')].parameterValue.value",
            equalTo("20250401")))
        .withRequestBody(matchingJsonPath("$.queryParameters[?(@.name == 'last_day')].parameterValue.value",
            equalTo("20250402"))));
  }

  @Test
  void aDayAnsweredFromBothItsTablesCountsOnce() {
    // The query leaves out an intraday table once its day's daily table exists; should BigQuery still answer the
    // same events from both (the tables swapped during the query), their event ids keep the day counted once.
    String visit = session("a", 1, "2025-04-05T09:00:00Z", ",\"collected_traffic_source\":{\"gclid\":\"Cj0K\"}");
    String buy = purchase("a", 1, "2025-04-05T09:05:00Z", "T5", "40.00");
    onePageOfTables(List.of(ExportRow.daily(visit), ExportRow.intraday(visit), ExportRow.daily(buy),
        ExportRow.intraday(buy)));

    JsonNode job = Imports.finished(api, importRange("2025-04-05", "2025-04-05"));

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("rows_read").asLong()).isEqualTo(4);
    assertThat(job.get("journeys").asLong()).isEqualTo(1);
    assertThat(job.get("touchpoints").asLong()).isEqualTo(1);
    assertThat(job.get("conversions").asLong()).isEqualTo(1);
    assertThat(job.get("duplicate_events").asLong()).isEqualTo(1);
    // The daily table gave the day: it is final.
    assertThat(days(job)).isEmpty();
    assertThat(Imports.journeyOf(api, prefix + "a")).isEqualTo(channelNamed("Paid Search") + " = 40");
  }

  @Test
  void importingADayAgainOnceItsDailyTableReplacedTheIntradayOneAddsOnlyWhatCameSince() {
    // 3 April at noon: A came by paid search and bought T3 for 60, B came direct; only the intraday table exists.
    String aVisit = session("a", 1, "2025-04-03T10:00:00Z", ",\"collected_traffic_source\":{\"gclid\":\"Cj0K\"}");
    String aBuys = purchase("a", 1, "2025-04-03T10:05:00Z", "T3", "60.00");
    String bVisit = session("b", 1, "2025-04-03T12:00:00Z", "");
    onePageOfTables(List.of(ExportRow.intraday(aVisit), ExportRow.intraday(aBuys), ExportRow.intraday(bVisit)));
    JsonNode today = Imports.finished(api, importRange("2025-04-03", "2025-04-03"));
    assertThat(today.get("journeys").asLong()).as("%s", today).isEqualTo(2);
    assertThat(today.get("conversions").asLong()).isEqualTo(1);
    assertThat(days(today)).containsExactly("2025-04-03");
    String aJourney = Imports.journeyOf(api, prefix + "a");

    // The next day GA4's daily table holds the same events and C's visit of that evening; the intraday one is gone.
    GOOGLE.reset();
    onePageOfTables(List.of(ExportRow.daily(aVisit), ExportRow.daily(aBuys), ExportRow.daily(bVisit),
        ExportRow.daily(session("c", 1, "2025-04-03T23:00:00Z", ""))));
    JsonNode finalDay = Imports.finished(api, importRange("2025-04-03", "2025-04-03"));

    assertThat(finalDay.get("status").asString()).as("%s", finalDay).isEqualTo("succeeded");
    assertThat(finalDay.get("rows_read").asLong()).isEqualTo(4);
    assertThat(finalDay.get("journeys").asLong()).isEqualTo(1);
    assertThat(finalDay.get("touchpoints").asLong()).isEqualTo(1);
    assertThat(finalDay.get("conversions").asLong()).isZero();
    assertThat(finalDay.get("duplicate_events").asLong()).isEqualTo(3);
    assertThat(days(finalDay)).isEmpty();
    assertThat(aJourney).isEqualTo(channelNamed("Paid Search") + " = 60");
    assertThat(Imports.journeyOf(api, prefix + "a")).isEqualTo(aJourney);
    assertThat(Imports.journeysOf(api, prefix + "b")).isEqualTo(1);
    assertThat(Imports.journeysOf(api, prefix + "c")).isEqualTo(1);
  }
}
