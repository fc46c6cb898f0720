package io.nexus.server.integration.internal.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.nexus.server.integration.ImportRange;
import io.nexus.server.integration.PlatformException;
import io.nexus.server.integration.PlatformSpend;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Insights client against a WireMock stub answering in the shapes Meta documents for
 * {@code GET act_<id>/insights}: {@code data} rows with numbers as strings, {@code paging} with cursors and
 * {@code next}, and {@code error} objects (OAuthException 190, throttling codes with {@code X-Business-Use-Case-Usage}).
 */
class MetaInsightsTest {
  static final String TOKEN = "EAAB-test-token-0123456789-secret";
  static final WireMockServer STUB = new WireMockServer(options().dynamicPort());
  static final String INSIGHTS = "/v25.0/act_1234567890/insights";
  static final ImportRange RANGE = new ImportRange(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-02"), null);

  final List<Duration> waits = new ArrayList<>();

  @BeforeAll
  static void start() {
    STUB.start();
  }

  @AfterAll
  static void stop() {
    STUB.stop();
  }

  @BeforeEach
  void reset() {
    STUB.resetAll();
    waits.clear();
  }

  private MetaInsights insights(int maxRetries, Duration maxWait) {
    return insights(TOKEN, null, maxRetries, maxWait);
  }

  private MetaInsights insights(String token, String appSecret, int maxRetries, Duration maxWait) {
    MetaSettings settings = new MetaSettings(token, "act_1234567890", "99", STUB.baseUrl() + "/v25.0", null, null,
        null, null, "EUR", Duration.ofSeconds(5), maxRetries, Duration.ofSeconds(2), maxWait, appSecret);
    return new MetaInsights(settings, new MetaGraph(settings, JsonMapper.builder().build(), waits::add));
  }

  private MetaInsights insights() {
    return insights(3, Duration.ofMinutes(5));
  }

  static String row(String campaign, String day, String spend, String actions, String values) {
    return "{\"campaign_id\":\"" + campaign + "\",\"campaign_name\":\"Spring " + campaign + "\",\"spend\":\"" + spend
        + "\",\"impressions\":\"1200\",\"clicks\":\"35\",\"account_currency\":\"EUR\""
        + (actions == null ? "" : ",\"actions\":" + actions) + (values == null ? "" : ",\"action_values\":" + values)
        + ",\"date_start\":\"" + day + "\",\"date_stop\":\"" + day + "\"}";
  }

  static String page(String next, String... rows) {
    return "{\"data\":[" + String.join(",", rows) + "],\"paging\":{\"cursors\":{\"before\":\"MAZDZD\","
        + "\"after\":\"MjQZD\"}" + (next == null ? "" : ",\"next\":\"" + next + "\"") + "}}";
  }

  static String error(int code, Integer subcode, String type, String message) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":" + code
        + (subcode == null ? "" : ",\"error_subcode\":" + subcode) + ",\"fbtrace_id\":\"AbCdEfGhIjK\"}}";
  }

  @Test
  void readsEveryPageThroughPagingNextWithNumbersExact() {
    String next = STUB.baseUrl() + INSIGHTS + "?access_token=" + TOKEN + "&limit=500&after=MjQZD";
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).withQueryParam("after", WireMock.absent())
        .willReturn(okJson(page(next, row("111", "2025-03-01", "12.34", null, null)))));
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).withQueryParam("after", WireMock.equalTo("MjQZD"))
        .willReturn(okJson(page(null, row("222", "2025-03-02", "0.10", null, null)))));

    List<PlatformSpend> rows = insights().spend(RANGE);

    assertThat(rows).extracting(PlatformSpend::campaignId).containsExactly("111", "222");
    PlatformSpend first = rows.get(0);
    assertThat(first.spend()).isEqualByComparingTo("12.34");
    assertThat(first.spend().toPlainString()).isEqualTo("12.34");
    assertThat(first.impressions()).isEqualTo(1200);
    assertThat(first.clicks()).isEqualTo(35);
    assertThat(first.currency()).isEqualTo("EUR");
    assertThat(first.date()).isEqualTo(LocalDate.parse("2025-03-01"));
    assertThat(first.campaignName()).isEqualTo("Spring 111");
    assertThat(first.channel()).isEqualTo("Paid Social");
  }

  @Test
  void asksForCampaignDaysOfTheRangeWithTheDocumentedParameters() {
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).willReturn(okJson(page(null))));

    insights().spend(RANGE);

    STUB.verify(getRequestedFor(urlPathEqualTo(INSIGHTS))
        .withQueryParam("level", WireMock.equalTo("campaign"))
        .withQueryParam("time_increment", WireMock.equalTo("1"))
        .withQueryParam("time_range", WireMock.equalTo("{\"since\":\"2025-03-01\",\"until\":\"2025-03-02\"}"))
        .withQueryParam("fields", WireMock.containing("campaign_id,campaign_name,spend,impressions,clicks,actions,"
            + "action_values,date_start,date_stop"))
        .withQueryParam("access_token", WireMock.equalTo(TOKEN)));
  }

  @Test
  void anEmptyAnswerIsNoSpend() {
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).willReturn(okJson("{\"data\":[]}")));

    assertThat(insights().spend(RANGE)).isEmpty();
  }

  @Test
  void takesTheOneConfiguredActionTypeAndNeverAddsOthers() {
    String actions = "[{\"action_type\":\"link_click\",\"value\":\"30\"},{\"action_type\":\"omni_purchase\","
        + "\"value\":\"4\"},{\"action_type\":\"offsite_conversion.fb_pixel_purchase\",\"value\":\"3\"}]";
    String values = "[{\"action_type\":\"omni_purchase\",\"value\":\"410.00\"},"
        + "{\"action_type\":\"offsite_conversion.fb_pixel_purchase\",\"value\":\"299.97\"}]";
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS))
        .willReturn(okJson(page(null, row("111", "2025-03-01", "50.00", actions, values),
            row("222", "2025-03-01", "5.00", "[{\"action_type\":\"link_click\",\"value\":\"2\"}]", null)))));

    List<PlatformSpend> rows = insights().spend(RANGE);

    assertThat(rows.get(0).conversions()).isEqualByComparingTo("3");
    assertThat(rows.get(0).conversionValue()).isEqualByComparingTo("299.97");
    assertThat(rows.get(1).conversions()).as("no purchase reported is not zero purchases").isNull();
    assertThat(rows.get(1).conversionValue()).isNull();
  }

  @Test
  void aRefusedTokenFailsAtOnceWithTheReasonAndWithoutTheToken() {
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody(error(190, 463, "OAuthException", "Error validating access token: Session has expired"))));

    assertThatThrownBy(() -> insights().spend(RANGE)).isInstanceOf(PlatformException.class)
        .hasMessageContaining("refused the access token").hasMessageContaining("190")
        .hasMessageContaining("Session has expired").hasMessageNotContaining(TOKEN);
    assertThat(waits).isEmpty();
  }

  @Test
  void aTokenWithoutAdsReadIsToldWhichPermissionItLacks() {
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json")
        .withBody(error(200, null, "OAuthException", "(#200) Requires ads_read permission"))));

    assertThatThrownBy(() -> insights().spend(RANGE)).isInstanceOf(PlatformException.class)
        .hasMessageContaining("lacks a permission").hasMessageContaining("ads_read");
  }

  @Test
  void throttlingIsRetriedAfterTheTimeTheUsageHeaderGives() {
    String usage = "{\"1234567890\":[{\"type\":\"ads_insights\",\"call_count\":100,\"total_cputime\":35,"
        + "\"total_time\":40,\"estimated_time_to_regain_access\":1}]}";
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withHeader("X-Business-Use-Case-Usage", usage)
            .withBody(error(80004, 2446079, "OAuthException", "There have been too many calls to this ad-account.")))
        .willSetStateTo("again"));
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).inScenario("throttled").whenScenarioStateIs("again")
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody(error(17, 2446079, "OAuthException", "User request limit reached")))
        .willSetStateTo("open"));
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).inScenario("throttled").whenScenarioStateIs("open")
        .willReturn(okJson(page(null, row("111", "2025-03-01", "7.00", null, null)))));

    List<PlatformSpend> rows = insights().spend(RANGE);

    assertThat(rows).hasSize(1);
    assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofSeconds(4));
  }

  @Test
  void throttlingThatDoesNotEndFailsAfterTheRetries() {
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody(error(613, 1487742, "OAuthException", "Calls to this api have exceeded the rate limit."))));

    assertThatThrownBy(() -> insights(2, Duration.ofMinutes(5)).spend(RANGE)).isInstanceOf(PlatformException.class)
        .hasMessageContaining("613").hasMessageContaining("gave up after 3 attempts");
    assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void aThrottleLongerThanTheWaitAllowedFailsAtOnceSayingWhen() {
    String usage = "{\"1234567890\":[{\"type\":\"ads_insights\",\"call_count\":100,\"total_cputime\":100,"
        + "\"total_time\":100,\"estimated_time_to_regain_access\":42}]}";
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withHeader("X-Business-Use-Case-Usage", usage)
        .withBody(error(80000, 2446079, "OAuthException", "There have been too many calls from this ad-account."))));

    assertThatThrownBy(() -> insights().spend(RANGE)).isInstanceOf(PlatformException.class)
        .hasMessageContaining("42 min");
    assertThat(waits).isEmpty();
  }

  @Test
  void aMalformedNumberFailsNamingTheCampaignDayAndField() {
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).willReturn(okJson(page(null,
        row("111", "2025-03-01", "1,234.50", null, null)))));

    assertThatThrownBy(() -> insights().spend(RANGE)).isInstanceOf(PlatformException.class)
        .hasMessageContaining("spend \"1,234.50\"").hasMessageContaining("campaign 111 on 2025-03-01");
  }

  @Test
  void aServerErrorIsRetriedThenReadsTheAnswer() {
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")).willSetStateTo("ok"));
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).inScenario("flaky").whenScenarioStateIs("ok")
        .willReturn(okJson(page(null, row("111", "2025-03-01", "7.00", null, null)))));

    assertThat(insights().spend(RANGE)).hasSize(1);
    assertThat(waits).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void aPagingNextOnAnotherHostIsNotFollowedWithTheToken() {
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).willReturn(okJson(page("https://evil.example/x?after=1",
        row("111", "2025-03-01", "7.00", null, null)))));

    assertThatThrownBy(() -> insights().spend(RANGE)).isInstanceOf(PlatformException.class)
        .hasMessageContaining("another host");
  }

  // HMAC-SHA256 of "The quick brown fox jumps over the lazy dog" keyed with "key": the published test value.
  static final String PROOF = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";

  @Test
  void withAnAppSecretEveryCallCarriesTheProofOfTheToken() {
    String token = "The quick brown fox jumps over the lazy dog";
    String next = STUB.baseUrl() + INSIGHTS + "?access_token=x&limit=500&after=MjQZD";
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).withQueryParam("after", WireMock.absent())
        .willReturn(okJson(page(next, row("111", "2025-03-01", "12.34", null, null)))));
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).withQueryParam("after", WireMock.equalTo("MjQZD"))
        .willReturn(okJson(page(null, row("222", "2025-03-02", "0.10", null, null)))));

    List<PlatformSpend> spend = insights(token, "key", 3, Duration.ofMinutes(5)).spend(RANGE);

    assertThat(spend).hasSize(2);
    STUB.verify(2, getRequestedFor(urlPathEqualTo(INSIGHTS))
        .withQueryParam("appsecret_proof", WireMock.equalTo(PROOF)));
  }

  @Test
  void withoutAnAppSecretNoProofIsSent() {
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).willReturn(okJson(page(null, row("111", "2025-03-01", "1.00", null,
        null)))));

    insights().spend(RANGE);

    STUB.verify(1, getRequestedFor(urlPathEqualTo(INSIGHTS)).withQueryParam("appsecret_proof", WireMock.absent()));
  }

  @Test
  void aRefusedProofFailsWithoutTheSecretOrTheProof() {
    String token = "The quick brown fox jumps over the lazy dog";
    STUB.stubFor(get(urlPathEqualTo(INSIGHTS)).willReturn(aResponse().withStatus(400).withHeader("Content-Type",
        "application/json").withBody(error(100, null, "GraphMethodException", "Invalid appsecret_proof provided in "
        + "the API argument " + PROOF + " for secret key"))));

    assertThatThrownBy(() -> insights(token, "key", 3, Duration.ofMinutes(5)).spend(RANGE))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("Invalid appsecret_proof")
        .hasMessageNotContaining(PROOF)
        .hasMessageNotContaining(token);
  }
}
