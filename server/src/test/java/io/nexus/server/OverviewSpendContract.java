package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.Api;
import io.nexus.server.support.Imports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The overview's spend by channel ROI's cost rule (docs/dashboard.md#the-overview-and-the-filter-bar): platform spend
 * in place of the touchpoints' costs on the channel days it covers, for the totals, the previous period and every day;
 * Direct channels left out when Direct is excluded; one currency only. Subclasses run it on H2 and PostgreSQL; each
 * test has its own month of 2093 and its own channels, so that the tests of one database do not see each other.
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class OverviewSpendContract {
  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;

  Api api;
  String tag;

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
    tag = Long.toString(System.nanoTime(), 36);
  }

  private long channel(String name, String type) {
    return api.post("/channels", "{\"name\":\"" + name + "\",\"channel_type\":\"" + type + "\",\"cost_per_click\":0}",
        201).get("id").asLong();
  }

  private void uploadSpend(String... rows) {
    Imports.spend(api, "acct-" + tag, rows);
  }

  private JsonNode overview(String start, String end, String filter) {
    return api.post("/analytics/overview", "{\"start_date\":\"" + start + "\",\"end_date\":\"" + end + "\"" + filter
        + "}", 200);
  }

  /**
   * The worked example of docs/dashboard.md. Range March 1-3, previous period February 26-28. Ads' touchpoints cost
   * 10.00 on March 1, 5.00 on March 2 and 7.00 on March 3, Mail's 4.00 on March 2; the platform reports 40.00 + 2.50
   * for Ads on March 2 and 0.00 on March 3. March 1 keeps 10.00 (touchpoints); March 2 is 42.50 of platform spend in
   * place of Ads' 5.00 plus Mail's 4.00 = 46.50 (both); March 3 is the platform's 0.00 in place of 7.00 (platform
   * spend): spend 56.50 = 14.00 of touchpoint costs + 42.50 of platform spend, 12.00 replaced, revenue 150.00, ROAS
   * 150 / 56.50 = 2.654867. Before: Ads' touch of 20.00 on February 27 and 30.00 of platform spend on February 28:
   * spend 50.00 (both), revenue 60.00, ROAS 1.200000; spend changed by 6.50 / 50 = +13 %.
   */
  @Test
  void spendIsChannelRoisCostRuleForTheTotalsThePreviousPeriodAndEveryDay() {
    String ads = "Ads " + tag;
    long adsId = channel(ads, "paid_social");
    long mail = channel("Mail " + tag, "email");
    long before = api.journey("ov-0-" + tag, "2093-02-27T09:00:00Z");
    api.touch(before, adsId, "click", "2093-02-27T09:00:00Z", "20.00");
    api.purchase(before, "2093-02-27T10:00:00Z", "60.00");
    long first = api.journey("ov-1-" + tag, "2093-03-01T10:00:00Z");
    api.touch(first, adsId, "click", "2093-03-01T10:00:00Z", "10.00");
    api.purchase(first, "2093-03-01T11:00:00Z", "100.00");
    long second = api.journey("ov-2-" + tag, "2093-03-02T10:00:00Z");
    api.touch(second, adsId, "click", "2093-03-02T10:00:00Z", "5.00");
    api.touch(second, mail, "click", "2093-03-02T12:00:00Z", "4.00");
    api.touch(second, adsId, "click", "2093-03-03T23:59:59Z", "7.00");
    api.purchase(second, "2093-03-03T23:59:59Z", "50.00");
    uploadSpend(ads + ",2093-03-02,EUR,40.00", ads + ",2093-03-02,EUR,2.50", ads + ",2093-03-03,EUR,0.00",
        ads + ",2093-02-28,EUR,30.00");

    JsonNode o = overview("2093-03-01", "2093-03-03", "");

    JsonNode now = o.get("current");
    assertThat(now.get("spend").decimalValue()).isEqualByComparingTo("56.50");
    assertThat(now.get("touchpoint_cost").decimalValue()).isEqualByComparingTo("14.00");
    assertThat(now.get("platform_spend").decimalValue()).isEqualByComparingTo("42.50");
    assertThat(now.get("replaced_touchpoint_cost").decimalValue()).isEqualByComparingTo("12.00");
    assertThat(now.get("spend_source").asString()).isEqualTo("both");
    assertThat(now.get("spend_currency").asString()).isEqualTo("EUR");
    assertThat(now.get("revenue").decimalValue()).isEqualByComparingTo("150.00");
    assertThat(now.get("roas").decimalValue()).isEqualByComparingTo("2.654867");
    assertThat(now.has("excluded_direct_cost") && !now.get("excluded_direct_cost").isNull()).isFalse();
    JsonNode previous = o.get("previous");
    assertThat(previous.get("spend").decimalValue()).isEqualByComparingTo("50.00");
    assertThat(previous.get("spend_source").asString()).isEqualTo("both");
    assertThat(previous.get("roas").decimalValue()).isEqualByComparingTo("1.200000");
    assertThat(o.get("change").get("spend").asDouble()).isCloseTo(0.13, org.assertj.core.data.Offset.offset(1e-9));
    JsonNode days = o.get("daily");
    assertThat(days).hasSize(3);
    day(days.get(0), "2093-03-01", "10.00", "touchpoints", "0.00", "10.00", "0.00");
    day(days.get(1), "2093-03-02", "46.50", "both", "42.50", "4.00", "5.00");
    day(days.get(2), "2093-03-03", "0.00", "platform_spend", "0.00", "0.00", "7.00");
    JsonNode roi = api.post("/analytics/channel-roi", "{\"channel_ids\":[" + adsId + "," + mail + "],\"start_date\":"
        + "\"2093-03-01\",\"end_date\":\"2093-03-03\",\"attribution_model_id\":3}", 200);
    assertThat(roi.get(0).get("cost").decimalValue().add(roi.get(1).get("cost").decimalValue()))
        .as("the channels' ROI costs add up to the overview's spend").isEqualByComparingTo("56.50");
  }

  private static void day(JsonNode day, String date, String spend, String source, String platform, String kept,
      String replaced) {
    assertThat(day.get("date").asString()).isEqualTo(date);
    assertThat(day.get("spend").decimalValue()).as(date).isEqualByComparingTo(spend);
    assertThat(day.get("spend_source").asString()).as(date).isEqualTo(source);
    assertThat(day.get("platform_spend").decimalValue()).as(date).isEqualByComparingTo(platform);
    assertThat(day.get("touchpoint_cost").decimalValue()).as(date).isEqualByComparingTo(kept);
    assertThat(day.get("replaced_touchpoint_cost").decimalValue()).as(date).isEqualByComparingTo(replaced);
  }

  /**
   * April 1: a journey touches Ads (8.00) and a Direct channel (3.00) and converts for 90.00. Without Direct, spend is
   * 8.00 with 3.00 left out and ROAS 90 / 8 = 11.25; conversions and revenue are the journey's own either way, and a
   * lookback (which decides which touches get credit) changes no number.
   */
  @Test
  void excludingDirectLeavesDirectChannelsOutOfSpendButNotTheJourneysConversions() {
    long ads = channel("Ads " + tag, "paid_social");
    long direct = channel("Typed " + tag, "direct");
    long journey = api.journey("ov-d-" + tag, "2093-04-01T08:00:00Z");
    api.touch(journey, direct, "click", "2093-04-01T08:00:00Z", "3.00");
    api.touch(journey, ads, "click", "2093-04-01T09:00:00Z", "8.00");
    api.purchase(journey, "2093-04-01T10:00:00Z", "90.00");

    JsonNode all = overview("2093-04-01", "2093-04-01", "").get("current");
    JsonNode noDirect = overview("2093-04-01", "2093-04-01", ",\"exclude_direct\":true").get("current");
    JsonNode lookback = overview("2093-04-01", "2093-04-01", ",\"exclude_direct\":true,\"lookback_days\":1");

    assertThat(all.get("spend").decimalValue()).isEqualByComparingTo("11.00");
    assertThat(noDirect.get("spend").decimalValue()).isEqualByComparingTo("8.00");
    assertThat(noDirect.get("excluded_direct_cost").decimalValue()).isEqualByComparingTo("3.00");
    assertThat(noDirect.get("roas").decimalValue()).isEqualByComparingTo("11.25");
    assertThat(noDirect.get("conversions").asLong()).isEqualTo(all.get("conversions").asLong()).isEqualTo(1);
    assertThat(noDirect.get("revenue").decimalValue()).isEqualByComparingTo("90.00");
    assertThat(lookback.get("current")).isEqualTo(noDirect);
    assertThat(lookback.get("lookback_days").asInt()).isEqualTo(1);
    assertThat(lookback.get("exclude_direct").asBoolean()).isTrue();
  }

  @Test
  void aBadLookbackIsA400NamingIt() {
    JsonNode problem = api.post("/analytics/overview", "{\"start_date\":\"2093-04-01\",\"end_date\":\"2093-04-02\","
        + "\"lookback_days\":0}", 400);

    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("lookback_days");
  }

  @Test
  void spendInTwoCurrenciesIsRefusedRatherThanAdded() {
    String ads = "Ads " + tag;
    String mail = "Mail " + tag;
    channel(ads, "paid_social");
    channel(mail, "email");
    uploadSpend(ads + ",2093-05-02,EUR,10.00", mail + ",2093-05-03,USD,4.00");

    Api.Answer refused = api.post("/analytics/overview", "{\"start_date\":\"2093-05-01\",\"end_date\":"
        + "\"2093-05-03\"}");

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().get("errors").get(0).get("reason").asString()).contains("EUR and USD");
  }

  @Test
  void theOpenApiDocumentDescribesTheFilterAndWhereSpendCameFrom() {
    JsonNode doc = api.get("/v3/api-docs", 200);
    JsonNode operation = doc.get("paths").get("/api/v1/attribution/analytics/overview").get("post");

    JsonNode request = schema(doc, operation.get("requestBody").get("content").get("application/json").get("schema"));
    JsonNode answer = schema(doc, operation.get("responses").get("200").get("content").get("application/json")
        .get("schema"));

    assertThat(request.get("properties").has("lookback_days")).as(request.toString()).isTrue();
    assertThat(request.get("properties").has("exclude_direct")).isTrue();
    assertThat(answer.get("properties").has("daily")).as(answer.toString()).isTrue();
    JsonNode totals = schema(doc, answer.get("properties").get("current"));
    assertThat(totals.get("properties").has("spend_source")).isTrue();
    assertThat(totals.get("properties").has("replaced_touchpoint_cost")).isTrue();
    assertThat(operation.get("summary").asString()).contains("platform spend");
  }

  private static JsonNode schema(JsonNode doc, JsonNode schema) {
    if (!schema.has("$ref")) {
      return schema;
    }
    String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
    return doc.get("components").get("schemas").get(name);
  }

  @Test
  void uploadingSpendMovesTheCachedOverviewOn() {
    String ads = "Ads " + tag;
    long adsId = channel(ads, "paid_social");
    long journey = api.journey("ov-c-" + tag, "2093-06-01T08:00:00Z");
    api.touch(journey, adsId, "click", "2093-06-01T08:00:00Z", "6.00");
    assertThat(overview("2093-06-01", "2093-06-01", "").get("current").get("spend").decimalValue())
        .isEqualByComparingTo("6.00");

    uploadSpend(ads + ",2093-06-01,EUR,25.00");

    JsonNode now = overview("2093-06-01", "2093-06-01", "").get("current");
    assertThat(now.get("spend").decimalValue()).isEqualByComparingTo("25.00");
    assertThat(now.get("spend_source").asString()).isEqualTo("platform_spend");
  }
}
