package io.nexus.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.nexus.server.support.Api;
import io.nexus.server.support.Imports;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta Ads ({@code facebook_ads}) end to end on H2 and on PostgreSQL, against a WireMock Graph API answering in the
 * shapes Meta documents: spend imports from Insights (paging, re-imports, an import failing on its second page) and
 * pushes to the Conversions API. Each test uses days of its own.
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class MetaAdsContract {
  static final String TOKEN = "EAAB-contract-token-0123456789-secret";
  static final WireMockServer GRAPH = new WireMockServer(options().dynamicPort());
  static final String INSIGHTS = "/v25.0/act_1234567890/insights";
  static final String EVENTS = "/v25.0/4455667788/events";
  static final long PAID_SOCIAL = 2;
  static final long LINEAR = 3;

  static {
    GRAPH.start();
  }

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;

  Api api;

  static void meta(DynamicPropertyRegistry registry) {
    registry.add("nexus.meta.access-token", () -> TOKEN);
    registry.add("nexus.meta.ad-account-id", () -> "act_1234567890");
    registry.add("nexus.meta.pixel-id", () -> "4455667788");
    registry.add("nexus.meta.graph-url", () -> GRAPH.baseUrl() + "/v25.0");
    registry.add("nexus.meta.currency", () -> "EUR");
    registry.add("nexus.meta.test-event-code", () -> "TEST4242");
    registry.add("nexus.meta.retry-base", () -> "10ms");
    registry.add("nexus.meta.max-retries", () -> 2);
    registry.add("nexus.ai.api-key", () -> "");
  }

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
    GRAPH.resetAll();
  }

  static String row(String campaign, String day, String spend, String purchases, String value) {
    return "{\"campaign_id\":\"" + campaign + "\",\"campaign_name\":\"Campaign " + campaign + "\",\"spend\":\""
        + spend + "\",\"impressions\":\"1000\",\"clicks\":\"40\",\"account_currency\":\"EUR\","
        + "\"actions\":[{\"action_type\":\"link_click\",\"value\":\"40\"},"
        + "{\"action_type\":\"offsite_conversion.fb_pixel_purchase\",\"value\":\"" + purchases + "\"}],"
        + "\"action_values\":[{\"action_type\":\"offsite_conversion.fb_pixel_purchase\",\"value\":\"" + value + "\"}],"
        + "\"date_start\":\"" + day + "\",\"date_stop\":\"" + day + "\"}";
  }

  /** Two pages: page one's {@code paging.next} carries the cursor of page two, as Meta's do. */
  void twoPages(String page1, String page2) {
    String next = GRAPH.baseUrl() + INSIGHTS + "?access_token=" + TOKEN + "&limit=500&after=QVFIUmx";
    GRAPH.stubFor(get(urlPathEqualTo(INSIGHTS)).withQueryParam("after", WireMock.absent())
        .willReturn(okJson("{\"data\":[" + page1 + "],\"paging\":{\"cursors\":{\"before\":\"QVFIUk\","
            + "\"after\":\"QVFIUmx\"},\"next\":\"" + next + "\"}}")));
    GRAPH.stubFor(get(urlPathEqualTo(INSIGHTS)).withQueryParam("after", WireMock.equalTo("QVFIUmx"))
        .willReturn(okJson("{\"data\":[" + page2 + "],\"paging\":{\"cursors\":{\"before\":\"QVFIUmx\","
            + "\"after\":\"QVFIUm2\"}}}")));
  }

  JsonNode imported(String start, String end) {
    Api.Answer accepted = api.post("/integrations/facebook_ads/import", "{\"start_date\":\"" + start
        + "\",\"end_date\":\"" + end + "\"}");
    return Imports.finished(api, accepted);
  }

  JsonNode spend(String start, String end) {
    return api.get("/spend?platform=facebook_ads&start_date=" + start + "&end_date=" + end, 200);
  }

  @Test
  void metaIsListedAsConfiguredWithItsLastImport() {
    twoPages(row("1", "2024-01-01", "10.00", "1", "20.00"), "");
    imported("2024-01-01", "2024-01-01");

    JsonNode meta = null;
    for (JsonNode platform : api.get("/integrations", 200)) {
      if (platform.get("platform").asString().equals("facebook_ads")) {
        meta = platform;
      }
    }

    assertThat(meta).isNotNull();
    assertThat(meta.get("configured").asBoolean()).isTrue();
    assertThat(meta.get("missing_settings")).isEmpty();
    assertThat(meta.get("can_push").asBoolean()).isTrue();
    assertThat(meta.get("last_import").get("spend_rows").asLong()).isEqualTo(1);
    assertThat(meta.toString()).doesNotContain(TOKEN);
  }

  @Test
  void anImportStoresEveryPagesSpendOnPaidSocialWithMetasPurchases() {
    twoPages(row("111", "2024-02-01", "12.34", "2", "80.00") + "," + row("222", "2024-02-01", "5.00", "0", "0"),
        row("111", "2024-02-02", "7.66", "1", "40.00"));

    JsonNode job = imported("2024-02-01", "2024-02-02");

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("spend_rows").asLong()).isEqualTo(3);
    assertThat(job.get("journeys").asLong()).isZero();
    assertThat(job.get("reported_conversions").decimalValue()).isEqualByComparingTo("3");
    assertThat(job.get("reported_conversion_value").decimalValue()).isEqualByComparingTo("120.00");
    JsonNode listed = spend("2024-02-01", "2024-02-02");
    assertThat(listed.get("totals").get(0).get("spend").decimalValue()).isEqualByComparingTo("25.00");
    JsonNode first = listed.get("items").get(0);
    assertThat(first.get("account_id").asString()).isEqualTo("act_1234567890");
    assertThat(first.get("channel_id").asLong()).isEqualTo(PAID_SOCIAL);
    assertThat(first.get("conversions").decimalValue()).isEqualByComparingTo("2");
  }

  @Test
  void importingTheSameDaysTwiceGivesTheSameSpend() {
    twoPages(row("111", "2024-03-01", "12.34", "2", "80.00"), row("111", "2024-03-02", "7.66", "1", "40.00"));
    imported("2024-03-01", "2024-03-02");

    JsonNode again = imported("2024-03-01", "2024-03-02");

    assertThat(again.get("status").asString()).isEqualTo("succeeded");
    JsonNode listed = spend("2024-03-01", "2024-03-02");
    assertThat(listed.get("total_items").asLong()).isEqualTo(2);
    assertThat(listed.get("totals").get(0).get("spend").decimalValue()).isEqualByComparingTo("20.00");
  }

  @Test
  void anImportFailingOnItsSecondPageChangesNothingAndSaysWhy() {
    twoPages(row("111", "2024-04-01", "10.00", "1", "10.00"), row("111", "2024-04-02", "10.00", "1", "10.00"));
    imported("2024-04-01", "2024-04-02");
    GRAPH.resetAll();
    String next = GRAPH.baseUrl() + INSIGHTS + "?access_token=" + TOKEN + "&after=QVFIUmx";
    GRAPH.stubFor(get(urlPathEqualTo(INSIGHTS)).withQueryParam("after", WireMock.absent())
        .willReturn(okJson("{\"data\":[" + row("111", "2024-04-01", "99.00", "9", "99.00") + "],\"paging\":"
            + "{\"cursors\":{\"after\":\"QVFIUmx\"},\"next\":\"" + next + "\"}}")));
    GRAPH.stubFor(get(urlPathEqualTo(INSIGHTS)).withQueryParam("after", WireMock.equalTo("QVFIUmx"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"message\":\"Error validating access token: The session has been invalidated "
                + "because the user changed their password.\",\"type\":\"OAuthException\",\"code\":190,"
                + "\"error_subcode\":460,\"fbtrace_id\":\"EJplcsCHuLu\"}}")));

    JsonNode failed = imported("2024-04-01", "2024-04-02");

    assertThat(failed.get("status").asString()).isEqualTo("failed");
    assertThat(failed.get("error").asString()).contains("refused the access token").contains("190")
        .contains("page 2").contains("nothing of this import was stored").doesNotContain(TOKEN);
    JsonNode listed = spend("2024-04-01", "2024-04-02");
    assertThat(listed.get("totals").get(0).get("spend").decimalValue()).as("the earlier import's spend, untouched")
        .isEqualByComparingTo("20.00");
  }

  @Test
  void throttlingIsWaitedOutAndTheImportSucceeds() {
    GRAPH.stubFor(get(urlPathEqualTo(INSIGHTS)).inScenario("t").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withHeader("X-Business-Use-Case-Usage", "{\"1234567890\":[{\"type\":\"ads_insights\",\"call_count\":100,"
                + "\"total_cputime\":10,\"total_time\":10,\"estimated_time_to_regain_access\":0}]}")
            .withBody("{\"error\":{\"message\":\"There have been too many calls to this ad-account.\",\"type\":"
                + "\"OAuthException\",\"code\":80004,\"error_subcode\":2446079,\"fbtrace_id\":\"AbC\"}}"))
        .willSetStateTo("open"));
    GRAPH.stubFor(get(urlPathEqualTo(INSIGHTS)).inScenario("t").whenScenarioStateIs("open")
        .willReturn(okJson("{\"data\":[" + row("9", "2024-05-01", "3.00", "0", "0") + "]}")));

    JsonNode job = imported("2024-05-01", "2024-05-01");

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("spend_rows").asLong()).isEqualTo(1);
  }

  private static List<JsonNode> pushedEvents(JsonMapper json) {
    List<JsonNode> events = new ArrayList<>();
    for (LoggedRequest request : GRAPH.findAll(postRequestedFor(urlPathEqualTo(EVENTS)))) {
      for (String pair : request.getBodyAsString().split("&")) {
        if (pair.startsWith("data=")) {
          json.readTree(URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8)).forEach(events::add);
        }
      }
    }
    return events;
  }

  @Test
  void aPushSendsTheRangesConversionsWithTheirCreditAndAgainWithTheSameEventIds() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Instant touch = today.minusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600);
    String user = "buyer-" + System.nanoTime() + "@example.com";
    long journey = api.journey(user, touch.toString());
    api.touch(journey, PAID_SOCIAL, "click", touch.toString(), "1.00");
    api.touch(journey, 3, "email_open", touch.plusSeconds(60).toString(), "0.10");
    api.post("/conversions", "{\"journey_id\":" + journey + ",\"timestamp\":\"" + touch.plusSeconds(120)
        + "\",\"revenue\":150.00,\"event_id\":\"order-" + journey + "\"}", 201);
    GRAPH.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"events_received\":1,\"messages\":[],"
        + "\"fbtrace_id\":\"AbCd\"}")));
    String body = "{\"attribution_model_id\":" + LINEAR + ",\"start_date\":\"" + today.minusDays(1)
        + "\",\"end_date\":\"" + today + "\"}";

    JsonNode pushed = api.post("/integrations/facebook_ads/push", body, 200);
    JsonNode again = api.post("/integrations/facebook_ads/push", body, 200);

    assertThat(pushed.get("sent").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(pushed.get("accepted").asLong()).isGreaterThanOrEqualTo(1);
    List<JsonNode> events = pushedEvents(json).stream()
        .filter(e -> e.get("event_id").asString().equals("order-" + journey)).toList();
    assertThat(events).hasSize(2);
    JsonNode event = events.get(0);
    assertThat(event.get("custom_data").get("value").decimalValue()).isEqualByComparingTo("150.00");
    assertThat(event.get("custom_data").get("currency").asString()).isEqualTo("EUR");
    // Linear over two channels: half each, so 75.00 of the value is Meta's own channel's.
    assertThat(event.get("custom_data").get("attributed_shares").get("Paid Social").decimalValue())
        .isEqualByComparingTo("0.5");
    assertThat(event.get("custom_data").get("attributed_value").decimalValue()).isEqualByComparingTo("75.00");
    assertThat(event.get("user_data").get("em").get(0).asString()).hasSize(64).doesNotContain("@");
    assertThat(events.get(1)).isEqualTo(event);
    assertThat(again.get("sent").asLong()).isEqualTo(pushed.get("sent").asLong());
    assertThat(GRAPH.findAll(postRequestedFor(urlPathEqualTo(EVENTS))).get(0).getBodyAsString())
        .contains("test_event_code=TEST4242");
  }

  @Test
  void aPushRetriedWithItsIdempotencyKeyAnswersTheFirstPushAndSendsNothingAgain() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Instant touch = today.minusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(7200);
    long journey = api.journey("retry-" + System.nanoTime() + "@example.com", touch.toString());
    api.touch(journey, PAID_SOCIAL, "click", touch.toString(), "1.00");
    api.post("/conversions", "{\"journey_id\":" + journey + ",\"timestamp\":\"" + touch.plusSeconds(60)
        + "\",\"revenue\":80.00,\"event_id\":\"order-" + journey + "\"}", 201);
    GRAPH.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"events_received\":1,\"messages\":[]}")));
    String body = "{\"attribution_model_id\":" + LINEAR + ",\"start_date\":\"" + today.minusDays(1)
        + "\",\"end_date\":\"" + today + "\"}";
    String key = "push-" + System.nanoTime();

    MockHttpServletResponse first = pushWithKey(body, key);
    int requests = GRAPH.findAll(postRequestedFor(urlPathEqualTo(EVENTS))).size();
    MockHttpServletResponse retry = pushWithKey(body, key);

    assertThat(first.getStatus()).as(first.getContentAsString()).isEqualTo(200);
    assertThat(retry.getStatus()).isEqualTo(200);
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.getContentAsString()).isEqualTo(first.getContentAsString());
    assertThat(GRAPH.findAll(postRequestedFor(urlPathEqualTo(EVENTS)))).hasSize(requests);
  }

  private MockHttpServletResponse pushWithKey(String body, String key) throws Exception {
    return mvc.perform(MockMvcRequestBuilders.post(Api.BASE + "/integrations/facebook_ads/push")
        .contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key).content(body))
        .andReturn().getResponse();
  }

  @Test
  void aPushUnderTheAiModelWithoutAProviderIsRefusedEvenWithAFallbackAndSendsNothing() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Instant at = today.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(120);
    long journey = api.journey("ai-push-" + System.nanoTime(), at.toString());
    api.touch(journey, PAID_SOCIAL, "click", at.toString(), "1.00");
    api.purchase(journey, at.plusSeconds(10).toString(), "10.00");
    long model = api.post("/models", "{\"name\":\"AI push " + System.nanoTime() + "\",\"model_type\":"
        + "\"data_driven\",\"ml_model_type\":\"claude-sonnet-4-5-20250929\",\"ml_parameters\":"
        + "{\"fallback_model_id\":" + LINEAR + "}}", 201).get("id").asLong();

    Api.Answer refused = api.post("/integrations/facebook_ads/push", "{\"attribution_model_id\":" + model
        + ",\"start_date\":\"" + today + "\",\"end_date\":\"" + today + "\"}");

    // The pushed shares carry no fallback marker, so linear's credits must not go to Meta as the AI's.
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.body().toString()).contains("ANTHROPIC_API_KEY");
    assertThat(GRAPH.findAll(postRequestedFor(urlPathEqualTo(EVENTS)))).isEmpty();
  }

  @Test
  void aPlatformThatCannotPushIsRefusedClearly() {
    String body = "{\"attribution_model_id\":" + LINEAR + ",\"start_date\":\"2024-01-01\",\"end_date\":\"2024-01-02\"}";

    Api.Answer shop = api.post("/integrations/test_shop/push", body);
    Api.Answer csv = api.post("/integrations/csv/push", body);
    Api.Answer unknown = api.post("/integrations/carrier_pigeon/push", body);

    assertThat(shop.status()).isEqualTo(422);
    assertThat(shop.body().toString()).contains("does not take attribution results").contains("facebook_ads");
    assertThat(csv.status()).isEqualTo(422);
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void aPushWithBadFieldsNamesThem() {
    Api.Answer refused = api.post("/integrations/facebook_ads/push", "{\"start_date\":\"soon\",\"end_date\":"
        + "\"2024-01-02\",\"attribution_model_id\":" + LINEAR + "}");
    Api.Answer missing = api.post("/integrations/facebook_ads/push", "{\"start_date\":\"2024-01-01\"}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().toString()).contains("start_date");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().toString()).contains("attribution_model_id").contains("end_date");
  }

  @Test
  void aPushMetaRefusesIsA502WithMetasReasonAndNoToken() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Instant at = today.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(60);
    long journey = api.journey("refused-" + System.nanoTime(), at.toString());
    api.touch(journey, PAID_SOCIAL, "click", at.toString(), "1.00");
    api.purchase(journey, at.plusSeconds(10).toString(), "10.00");
    GRAPH.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"message\":\"Invalid OAuth access token - Cannot parse access token\",\"type\":"
            + "\"OAuthException\",\"code\":190,\"fbtrace_id\":\"AbCd\"}}")));

    Api.Answer refused = api.post("/integrations/facebook_ads/push", "{\"attribution_model_id\":" + LINEAR
        + ",\"start_date\":\"" + today + "\",\"end_date\":\"" + today + "\"}");

    assertThat(refused.status()).isEqualTo(502);
    assertThat(refused.body().toString()).contains("refused the access token").doesNotContain(TOKEN);
  }
}
