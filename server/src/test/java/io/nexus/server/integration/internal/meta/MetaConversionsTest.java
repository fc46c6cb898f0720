package io.nexus.server.integration.internal.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.nexus.server.integration.AttributedConversion;
import io.nexus.server.integration.PlatformException;
import io.nexus.server.integration.PushResult;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Conversions API client against a WireMock stub answering as Meta documents {@code POST <pixel_id>/events}:
 * {@code {"events_received": n, "messages": [], "fbtrace_id": ...}}, or an {@code error} object.
 */
class MetaConversionsTest {
  static final String TOKEN = "EAAB-test-token-0123456789-secret";
  static final WireMockServer STUB = new WireMockServer(options().dynamicPort());
  static final String EVENTS = "/v25.0/4455667788/events";
  static final Instant NOW = Instant.parse("2025-06-10T12:00:00Z");
  static final JsonMapper JSON = JsonMapper.builder().build();

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
  }

  private MetaConversions conversions(String testEventCode) {
    return conversions(TOKEN, null, testEventCode);
  }

  private MetaConversions conversions(String token, String appSecret, String testEventCode) {
    MetaSettings settings = new MetaSettings(token, null, "4455667788", STUB.baseUrl() + "/v25.0", null, null,
        testEventCode, null, "EUR", Duration.ofSeconds(5), 1, Duration.ofMillis(1), Duration.ofMinutes(1), appSecret);
    return new MetaConversions(settings, new MetaGraph(settings, JSON, d -> { }), JSON,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static AttributedConversion conversion(String id, String user, Instant at, String value) {
    return new AttributedConversion(id, user, "purchase", at, new BigDecimal(value), 3, List.of(
        new AttributedConversion.ChannelShare("Paid Social", new BigDecimal("0.250000")),
        new AttributedConversion.ChannelShare("Email", new BigDecimal("0.750000"))));
  }

  private static Map<String, String> form(LoggedRequest request) {
    Map<String, String> form = new HashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      int eq = pair.indexOf('=');
      form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  private static List<JsonNode> sentEvents() {
    List<JsonNode> events = new ArrayList<>();
    for (LoggedRequest request : STUB.findAll(postRequestedFor(urlPathEqualTo(EVENTS)))) {
      JSON.readTree(form(request).get("data")).forEach(events::add);
    }
    return events;
  }

  @Test
  void sendsAPurchaseWithHashedIdentifiersValueCurrencyAndTheChannelsShares() {
    STUB.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"events_received\":1,\"messages\":[],"
        + "\"fbtrace_id\":\"AbCdEfGh\"}")));

    PushResult result = conversions("TEST4242").push(List.of(conversion("order-1", " Ann@Example.com ",
        Instant.parse("2025-06-09T08:30:00Z"), "120.00")));

    assertThat(result.sent()).isEqualTo(1);
    assertThat(result.accepted()).isEqualTo(1);
    LoggedRequest request = STUB.findAll(postRequestedFor(urlPathEqualTo(EVENTS))).get(0);
    assertThat(form(request)).containsEntry("test_event_code", "TEST4242").containsEntry("access_token", TOKEN);
    assertThat(request.getUrl()).doesNotContain(TOKEN);
    JsonNode event = sentEvents().get(0);
    assertThat(event.get("event_name").asString()).isEqualTo("Purchase");
    assertThat(event.get("event_time").asLong()).isEqualTo(Instant.parse("2025-06-09T08:30:00Z").getEpochSecond());
    assertThat(event.get("event_id").asString()).isEqualTo("order-1");
    assertThat(event.get("action_source").asString()).isEqualTo("system_generated");
    // Trimmed and lower-cased before hashing, as Meta asks.
    assertThat(event.get("user_data").get("em").get(0).asString())
        .isEqualTo(MetaConversions.sha256("ann@example.com"));
    assertThat(event.get("user_data").get("external_id").get(0).asString())
        .isEqualTo(MetaConversions.sha256("ann@example.com"));
    assertThat(event.get("user_data").has("ph")).isFalse();
    assertThat(event.get("custom_data").get("value").decimalValue()).isEqualByComparingTo("120.00");
    assertThat(event.get("custom_data").get("currency").asString()).isEqualTo("EUR");
    assertThat(event.get("custom_data").get("attributed_shares").get("Email").decimalValue())
        .isEqualByComparingTo("0.75");
    assertThat(event.get("custom_data").get("attributed_value").decimalValue()).isEqualByComparingTo("30.00");
  }

  @Test
  void aPhoneNumberUserIsSentAsItsDigitsHashed() {
    STUB.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"events_received\":1,\"messages\":[]}")));

    conversions(null).push(List.of(conversion("o", "+1 (650) 555-1212", NOW.minusSeconds(60), "5")));

    JsonNode user = sentEvents().get(0).get("user_data");
    assertThat(user.get("ph").get(0).asString()).isEqualTo(MetaConversions.sha256("16505551212"));
    assertThat(user.has("em")).isFalse();
  }

  @Test
  void sendsAtMostAThousandEventsARequest() {
    STUB.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"events_received\":1000,\"messages\":[]}")));
    List<AttributedConversion> many = new ArrayList<>();
    for (int i = 0; i < 2001; i++) {
      many.add(conversion("o-" + i, "user-" + i, NOW.minusSeconds(3600), "10"));
    }

    PushResult result = conversions(null).push(many);

    assertThat(result.requests()).isEqualTo(3);
    assertThat(result.sent()).isEqualTo(2001);
    assertThat(sentEvents()).hasSize(2001);
    assertThat(STUB.findAll(postRequestedFor(urlPathEqualTo(EVENTS)))).extracting(r -> JSON.readTree(
        form(r).get("data")).size()).containsExactly(1000, 1000, 1);
  }

  @Test
  void conversionsOlderThanSevenDaysAreSkippedAndCounted() {
    STUB.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"events_received\":1,\"messages\":[]}")));

    PushResult result = conversions(null).push(List.of(conversion("old", "u", NOW.minus(Duration.ofDays(8)), "1"),
        conversion("new", "u", NOW.minus(Duration.ofDays(6)), "1")));

    assertThat(result.skipped()).isEqualTo(1);
    assertThat(result.sent()).isEqualTo(1);
    assertThat(sentEvents()).extracting(e -> e.get("event_id").asString()).containsExactly("new");
    assertThat(result.notes()).anyMatch(n -> n.contains("older than 7 days"));
  }

  @Test
  void aFailingSecondBatchSaysTheFirstWasSentAndThatPushingAgainIsSafe() {
    STUB.stubFor(post(urlPathEqualTo(EVENTS)).inScenario("b").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"events_received\":1000,\"messages\":[]}")).willSetStateTo("broken"));
    STUB.stubFor(post(urlPathEqualTo(EVENTS)).inScenario("b").whenScenarioStateIs("broken")
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"message\":\"Invalid parameter\",\"type\":\"OAuthException\",\"code\":100,"
                + "\"error_subcode\":2804003,\"fbtrace_id\":\"AbC\"}}")));
    List<AttributedConversion> many = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      many.add(conversion("o-" + i, "user-" + i, NOW.minusSeconds(3600), "10"));
    }

    assertThatThrownBy(() -> conversions(null).push(many)).isInstanceOf(PlatformException.class)
        .hasMessageContaining("Invalid parameter").hasMessageContaining("first 1000 conversions were sent")
        .hasMessageContaining("event_id").hasMessageNotContaining(TOKEN);
  }

  @Test
  void withAnAppSecretTheFormCarriesTheProofOfTheToken() {
    STUB.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"events_received\":1,\"messages\":[]}")));

    conversions("The quick brown fox jumps over the lazy dog", "key", null)
        .push(List.of(conversion("o", "user-1", NOW.minusSeconds(60), "5")));

    // HMAC-SHA256 of the token keyed with the app secret: the published test value for this key and message.
    assertThat(form(STUB.findAll(postRequestedFor(urlPathEqualTo(EVENTS))).get(0)))
        .containsEntry("appsecret_proof", "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }
}
