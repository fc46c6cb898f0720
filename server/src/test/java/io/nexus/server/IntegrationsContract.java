package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import example.shop.ShopIntegration;
import io.nexus.server.support.Api;
import io.nexus.server.support.Imports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Platform integrations end to end on H2 and on PostgreSQL: CSV uploads, imports from a custom integration loaded
 * through {@code ServiceLoader}, their jobs, and re-imports that add nothing. Each test has users of its own.
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class IntegrationsContract {
  /** The example export the command line's Ga4ExportTest attributes. */
  private static final Path GA4_EXPORT = Path.of("..", "examples", "ga4-export", "events.ndjson.gz");

  private static final String HEADER = "user_id,timestamp,channel,source,medium,campaign,cost,conversion,revenue\n";

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;

  Api api;
  String user;

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
    user = "int-" + System.nanoTime();
  }

  @AfterEach
  void shopBackToNormal() {
    ShopIntegration.EVENTS.clear();
    ShopIntegration.SPEND.clear();
    ShopIntegration.failing = false;
  }

  /** Two users: one converting after a paid search click and an email, one direct visit without conversion. */
  private byte[] twoUsers() {
    return (HEADER
        + user + "-a,2025-03-01T10:00:00Z,,google,cpc,spring,1.50,0,\n"
        + user + "-a,2025-03-02T10:00:00Z,Email,,,,,0,\n"
        + user + "-a,2025-03-03T10:00:00Z,,,,,,1,120.00\n"
        + user + "-b,2025-03-01T09:00:00Z,,(direct),(none),,,0,\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anUploadedCsvBecomesJourneysCutByTheJourneyBuilder() {
    JsonNode job = Imports.finished(api, api.upload("/integrations/csv/upload", "text/csv", twoUsers()));

    assertThat(job.get("status").asString()).isEqualTo("succeeded");
    assertThat(job.get("rows_read").asLong()).isEqualTo(4);
    assertThat(job.get("journeys").asLong()).isEqualTo(2);
    assertThat(job.get("touchpoints").asLong()).isEqualTo(3);
    assertThat(job.get("conversions").asLong()).isEqualTo(1);
    long converting = api.get("/journeys?user_id=" + user + "-a", 200).get("items").get(0).get("id").asLong();
    JsonNode detail = api.get("/journeys/" + converting, 200);
    assertThat(detail.get("conversion_value").decimalValue()).isEqualByComparingTo("120.00");
    // google / cpc is GA4's Paid Search, channel 1; Email is channel 3 of the catalogue.
    assertThat(detail.get("touchpoints").get(0).get("channel_id").asLong()).isEqualTo(1);
    assertThat(detail.get("touchpoints").get(0).get("cost").decimalValue()).isEqualByComparingTo("1.50");
    assertThat(detail.get("touchpoints").get(1).get("channel_id").asLong()).isEqualTo(3);
    assertThat(Imports.journeysOf(api, user + "-b")).isEqualTo(1);
  }

  @Test
  void uploadingTheSameFileTwiceAddsNothing() {
    Imports.finished(api, api.upload("/integrations/csv/upload", "text/csv", twoUsers()));

    JsonNode again = Imports.finished(api, api.upload("/integrations/csv/upload", "text/csv", twoUsers()));

    assertThat(again.get("status").asString()).isEqualTo("succeeded");
    assertThat(again.get("journeys").asLong()).isZero();
    assertThat(again.get("duplicate_events").asLong()).isEqualTo(4);
    assertThat(Imports.journeysOf(api, user + "-a")).isEqualTo(1);
  }

  @Test
  void anUploadWithBadRowsIsRefusedWholeNamingEachLine() {
    byte[] body = (HEADER
        + user + ",2025-03-01T10:00:00Z,Email,,,,,0,\n"
        + user + ",yesterday,Email,,,,,0,\n"
        + user + ",2025-03-02T10:00:00Z,Carrier Pigeon,,,,,0,\n").getBytes(StandardCharsets.UTF_8);

    Api.Answer refused = api.upload("/integrations/csv/upload", "text/csv", body);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().get("errors").toString()).contains("line 3").contains("line 4")
        .contains("Carrier Pigeon").doesNotContain("line 2");
    assertThat(Imports.journeysOf(api, user)).isZero();
  }

  @Test
  void aPartialUploadStoresTheGoodRowsAndReportsTheOthers() {
    byte[] body = (HEADER
        + user + ",2025-03-01T10:00:00Z,Email,,,,,0,\n"
        + user + ",2025-03-02T10:00:00Z,,,,,,maybe,\n").getBytes(StandardCharsets.UTF_8);

    JsonNode job = Imports.finished(api, api.upload("/integrations/csv/upload?partial=true", "text/csv", body));

    assertThat(job.get("status").asString()).isEqualTo("succeeded");
    assertThat(job.get("touchpoints").asLong()).isEqualTo(1);
    assertThat(job.get("rejected_rows").asLong()).isEqualTo(1);
    assertThat(job.get("rejections").get(0).get("line").asLong()).isEqualTo(3);
    assertThat(job.get("rejections").get(0).get("reason").asString()).contains("conversion");
    assertThat(Imports.journeysOf(api, user)).isEqualTo(1);
  }

  @Test
  void aCustomIntegrationOnTheClassPathIsListedAndImportedTwiceWithoutDoubleCounting() {
    ShopIntegration.EVENTS.add(ShopIntegration.visit("v1-" + user, user, "2025-04-01T08:00:00Z", "newsletter",
        "email"));
    ShopIntegration.EVENTS.add(ShopIntegration.order("o1-" + user, user, "2025-04-01T09:00:00Z", "80.00"));
    String range = "{\"start_date\":\"2025-04-01\",\"end_date\":\"2025-04-01\",\"user_id\":\"" + user + "\"}";

    JsonNode first = Imports.finished(api, api.post("/integrations/test_shop/import", range));
    JsonNode second = Imports.finished(api, api.post("/integrations/test_shop/import", range));

    assertThat(first.get("journeys").asLong()).isEqualTo(1);
    assertThat(first.get("conversions").asLong()).isEqualTo(1);
    assertThat(second.get("journeys").asLong()).isZero();
    assertThat(second.get("duplicate_events").asLong()).isEqualTo(2);
    assertThat(Imports.journeysOf(api, user)).isEqualTo(1);
    JsonNode listed = null;
    for (JsonNode platform : api.get("/integrations", 200)) {
      if (platform.get("platform").asString().equals("test_shop")) {
        listed = platform;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.get("configured").asBoolean()).isTrue();
    assertThat(listed.get("last_import").get("id").asLong()).isEqualTo(second.get("id").asLong());
  }

  @Test
  void aFailingPlatformFailsTheJobAndStoresNothing() {
    ShopIntegration.EVENTS.add(ShopIntegration.visit("v2-" + user, user, "2025-04-02T08:00:00Z", "google", "cpc"));
    ShopIntegration.failing = true;

    JsonNode job = Imports.finished(api, api.post("/integrations/test_shop/import",
        "{\"start_date\":\"2025-04-02\",\"end_date\":\"2025-04-02\"}"));

    assertThat(job.get("status").asString()).isEqualTo("failed");
    assertThat(job.get("error").asString()).contains("503").contains("nothing of this import was stored");
    assertThat(Imports.journeysOf(api, user)).isZero();
    ShopIntegration.failing = false;
    JsonNode retried = Imports.finished(api, api.post("/integrations/test_shop/import",
        "{\"start_date\":\"2025-04-02\",\"end_date\":\"2025-04-02\"}"));
    assertThat(retried.get("journeys").asLong()).isEqualTo(1);
  }


  @Test
  void aGa4ExportUploadStoresTheJourneysTheCommandLineAttributes() throws Exception {
    // examples/ga4-export/events.ndjson.gz, whose credits under the command line Ga4ExportTest pins: 300 users,
    // 400 sessions, 200 purchases worth 8000 and 100 repeated transaction ids.
    byte[] export = Files.readAllBytes(GA4_EXPORT);

    JsonNode job = Imports.finished(api, api.upload("/integrations/google_analytics/upload", "application/x-ndjson", export));

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("rows_read").asLong()).isEqualTo(800);
    assertThat(job.get("journeys").asLong()).isEqualTo(300);
    assertThat(job.get("touchpoints").asLong()).isEqualTo(400);
    assertThat(job.get("conversions").asLong()).isEqualTo(200);
    assertThat(job.get("duplicate_events").asLong()).isEqualTo(100);
    assertThat(job.get("rejected_rows").asLong()).isZero();
    // Channels 1 Paid Search (gclid), 3 Email, 7 Direct, 2 Paid Social, as GA4's default channel groups have them.
    assertThat(Imports.journeyOf(api, "1000000.1735000000")).isEqualTo("1 3 = 50");
    assertThat(Imports.journeyOf(api, "1000001.1735000000")).isEqualTo("7 = 30");
    assertThat(Imports.journeyOf(api, "1000002.1735000000")).isEqualTo("2 = 0");
    JsonNode again = Imports.finished(api, api.upload("/integrations/google_analytics/upload", "application/x-ndjson", export));
    assertThat(again.get("journeys").asLong()).isZero();
    assertThat(again.get("duplicate_events").asLong()).isEqualTo(700);
  }

  @Test
  void aGa4ExportWithABadLineIsRefusedNamingIt() {
    byte[] body = ("{\"event_name\":\"session_start\",\"event_timestamp\":\"1735689600000000\","
        + "\"user_pseudo_id\":\"" + user + "\"}\n{broken\n").getBytes(StandardCharsets.UTF_8);

    Api.Answer refused = api.upload("/integrations/google_analytics/upload", "application/x-ndjson", body);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("line 2");
    assertThat(refused.body().get("errors").get(0).get("reason").asString()).startsWith("not valid JSON");
  }

  @Test
  void importsNeedAKnownPlatformAndAValidRange() {
    assertThat(api.post("/integrations/nowhere/import", "{\"start_date\":\"2025-01-01\",\"end_date\":\"2025-01-02\"}")
        .status()).isEqualTo(404);
    Api.Answer backwards = api.post("/integrations/test_shop/import",
        "{\"start_date\":\"2025-01-05\",\"end_date\":\"2025-01-02\"}");
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.body().toString()).contains("end_date");
    assertThat(api.post("/integrations/test_shop/import", "{\"end_date\":\"2025-01-02\"}").status()).isEqualTo(400);
    assertThat(api.post("/integrations/csv/import", "{\"start_date\":\"2025-01-01\",\"end_date\":\"2025-01-02\"}")
        .status()).isEqualTo(422);
  }
}
