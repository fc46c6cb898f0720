package io.nexus.server;

import static example.shop.ShopIntegration.spend;
import static org.assertj.core.api.Assertions.assertThat;

import example.shop.ShopIntegration;
import io.nexus.server.integration.SpendReport;
import io.nexus.server.support.Api;
import io.nexus.server.support.Imports;
import java.util.List;
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
 * Platform spend end to end on H2 and on PostgreSQL: imported through a platform integration (the test shop of
 * {@code META-INF/services}), replaced rather than added on re-import, listed by {@code GET /spend}, and counted by
 * channel ROI under the cost-source rule of docs/integrations.md#spend. Each test has a channel and account of its own.
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class SpendContract {
  private static final long LINEAR = 3;

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;

  Api api;
  String tag;
  String channelName;
  long channel;

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
    tag = Long.toString(System.nanoTime(), 36);
    channelName = "Shop Ads " + tag;
    channel = api.channel(channelName, "0.50");
  }

  @AfterEach
  void shopBackToNormal() {
    ShopIntegration.EVENTS.clear();
    ShopIntegration.SPEND.clear();
    ShopIntegration.failing = false;
  }

  private JsonNode imported(String start, String end) {
    Api.Answer accepted = api.post("/integrations/test_shop/import", "{\"start_date\":\"" + start
        + "\",\"end_date\":\"" + end + "\"}");
    return Imports.finished(api, accepted);
  }

  private JsonNode spendOfAccount(String account) {
    return api.get("/spend?platform=test_shop&account_id=" + account, 200);
  }

  private JsonNode roi(String start, String end) {
    return api.post("/analytics/channel-roi", "{\"channel_ids\":[" + channel + "],\"start_date\":\"" + start
        + "\",\"end_date\":\"" + end + "\",\"attribution_model_id\":" + LINEAR + "}", 200).get(0);
  }

  @Test
  void anImportStoresThePlatformsSpendAndCountsItsRows() {
    String account = "acct-" + tag;
    ShopIntegration.SPEND.add(new SpendReport(account, List.of(
        spend("A", channelName, "2091-05-02", "40.00"), spend("B", channelName, "2091-05-02", "2.50"))));

    JsonNode job = imported("2091-05-01", "2091-05-03");

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("spend_rows").asLong()).isEqualTo(2);
    assertThat(job.get("reported_conversions").decimalValue()).isEqualByComparingTo("2");
    assertThat(job.get("reported_conversion_value").decimalValue()).isEqualByComparingTo("20.00");
    JsonNode listed = spendOfAccount(account);
    assertThat(listed.get("total_items").asLong()).isEqualTo(2);
    JsonNode first = listed.get("items").get(0);
    assertThat(first.get("campaign_id").asString()).isEqualTo("A");
    assertThat(first.get("campaign_name").asString()).isEqualTo("Campaign A");
    assertThat(first.get("channel_id").asLong()).isEqualTo(channel);
    assertThat(first.get("date").asString()).isEqualTo("2091-05-02");
    assertThat(first.get("currency").asString()).isEqualTo("EUR");
    assertThat(first.get("spend").decimalValue()).isEqualByComparingTo("40.00");
    assertThat(first.get("impressions").asLong()).isEqualTo(1000);
    assertThat(first.get("clicks").asLong()).isEqualTo(50);
    assertThat(listed.get("totals").get(0).get("spend").decimalValue()).isEqualByComparingTo("42.50");
  }

  @Test
  void importingTheSameDaysTwiceLeavesTheSameSpend() {
    String account = "acct-" + tag;
    ShopIntegration.SPEND.add(new SpendReport(account, List.of(
        spend("A", channelName, "2091-05-02", "40.00"), spend("B", channelName, "2091-05-03", "2.50"))));
    imported("2091-05-01", "2091-05-03");

    JsonNode again = imported("2091-05-01", "2091-05-03");

    assertThat(again.get("spend_rows").asLong()).isEqualTo(2);
    JsonNode listed = spendOfAccount(account);
    assertThat(listed.get("total_items").asLong()).isEqualTo(2);
    assertThat(listed.get("totals").get(0).get("spend").decimalValue()).isEqualByComparingTo("42.50");
  }

  @Test
  void aReimportReplacesTheDaysItCoversAndRemovesCampaignsNoLongerReported() {
    String account = "acct-" + tag;
    ShopIntegration.SPEND.add(new SpendReport(account, List.of(spend("A", channelName, "2091-05-02", "40.00"),
        spend("B", channelName, "2091-05-02", "2.50"), spend("A", channelName, "2091-05-04", "9.00"))));
    imported("2091-05-01", "2091-05-04");
    ShopIntegration.SPEND.clear();
    ShopIntegration.SPEND.add(new SpendReport(account, List.of(spend("A", channelName, "2091-05-02", "41.00"))));

    imported("2091-05-01", "2091-05-03");

    JsonNode items = spendOfAccount(account).get("items");
    assertThat(items).hasSize(2);
    assertThat(items.get(0).get("spend").decimalValue()).isEqualByComparingTo("41.00");
    assertThat(items.get(1).get("date").asString()).as("a day outside the re-import is kept").isEqualTo("2091-05-04");
  }

  @Test
  void aFailedImportLeavesTheStoredSpendAsItWas() {
    String account = "acct-" + tag;
    ShopIntegration.SPEND.add(new SpendReport(account, List.of(spend("A", channelName, "2091-05-02", "40.00"))));
    imported("2091-05-01", "2091-05-03");
    ShopIntegration.SPEND.clear();
    ShopIntegration.SPEND.add(new SpendReport(account, List.of(spend("A", channelName, "2091-05-02", "99.00"))));
    ShopIntegration.failing = true;

    JsonNode failed = imported("2091-05-01", "2091-05-03");

    assertThat(failed.get("status").asString()).isEqualTo("failed");
    assertThat(failed.get("spend_rows").asLong()).isZero();
    assertThat(spendOfAccount(account).get("items").get(0).get("spend").decimalValue()).isEqualByComparingTo("40.00");
  }

  @Test
  void spendOnAChannelThatIsNotInTheCatalogueIsRefusedWithItsReason() {
    String account = "acct-" + tag;
    ShopIntegration.SPEND.add(new SpendReport(account, List.of(spend("A", "Carrier Pigeon", "2091-05-02", "1.00"),
        spend("B", channelName, "2091-05-02", "2.00"))));

    JsonNode job = imported("2091-05-01", "2091-05-03");

    assertThat(job.get("spend_rows").asLong()).isEqualTo(1);
    assertThat(job.get("rejected_rows").asLong()).isEqualTo(1);
    assertThat(job.get("rejections").get(0).get("reason").asString()).contains("campaign A").contains("Carrier Pigeon");
  }

  /**
   * The worked example of docs/integrations.md#spend. The channel's touchpoints cost 10.00 on May 1, 5.00 on May 2 and
   * 7.00 on May 3; the platform reports 40.00 + 2.50 on May 2 and 0.00 on May 3. May 2 and 3 take the platform's
   * spend (42.50 and 0.00) instead of their touchpoint costs (12.00 left out), May 1 keeps its 10.00: cost 52.50.
   * The one converting journey (100.00, one touch on May 1) gives ROI (100 - 52.50) / 52.50 = 90.4762 % and ROAS
   * 100 / 52.50 = 1.904762.
   */
  @Test
  void platformSpendReplacesTheTouchpointCostsOfTheChannelsDaysItCovers() {
    long converting = api.journey("roi-" + tag + "-a", "2091-05-01T10:00:00Z");
    api.touch(converting, channel, "click", "2091-05-01T10:00:00Z", "10.00");
    api.purchase(converting, "2091-05-01T11:00:00Z", "100.00");
    long browsing = api.journey("roi-" + tag + "-b", "2091-05-02T10:00:00Z");
    api.touch(browsing, channel, "click", "2091-05-02T10:00:00Z", "5.00");
    api.touch(browsing, channel, "click", "2091-05-03T23:59:59Z", "7.00");
    assertThat(roi("2091-05-01", "2091-05-03").get("cost_source").asString()).isEqualTo("touchpoints");
    ShopIntegration.SPEND.add(new SpendReport("acct-" + tag, List.of(spend("A", channelName, "2091-05-02", "40.00"),
        spend("B", channelName, "2091-05-02", "2.50"), spend("A", channelName, "2091-05-03", "0.00"))));
    imported("2091-05-01", "2091-05-03");

    JsonNode row = roi("2091-05-01", "2091-05-03");

    assertThat(row.get("cost_source").asString()).isEqualTo("both");
    assertThat(row.get("touchpoint_cost").decimalValue()).isEqualByComparingTo("10.00");
    assertThat(row.get("platform_spend").decimalValue()).isEqualByComparingTo("42.50");
    assertThat(row.get("replaced_touchpoint_cost").decimalValue()).isEqualByComparingTo("12.00");
    assertThat(row.get("cost").decimalValue()).isEqualByComparingTo("52.50");
    assertThat(row.get("spend_currency").asString()).isEqualTo("EUR");
    assertThat(row.get("attributed_revenue").decimalValue()).isEqualByComparingTo("100.00");
    assertThat(row.get("roi").decimalValue()).isEqualByComparingTo("90.4762");
    assertThat(row.get("roas").decimalValue()).isEqualByComparingTo("1.904762");
  }

  @Test
  void aRangeWhoseDaysAllHavePlatformSpendUsesOnlyThePlatformsSpend() {
    long journey = api.journey("roi-" + tag, "2091-05-02T10:00:00Z");
    api.touch(journey, channel, "click", "2091-05-02T10:00:00Z", "5.00");
    ShopIntegration.SPEND.add(new SpendReport("acct-" + tag, List.of(spend("A", channelName, "2091-05-02", "30.00"))));
    imported("2091-05-01", "2091-05-03");

    JsonNode row = roi("2091-05-02", "2091-05-02");

    assertThat(row.get("cost_source").asString()).isEqualTo("platform_spend");
    assertThat(row.get("cost").decimalValue()).isEqualByComparingTo("30.00");
    assertThat(row.get("replaced_touchpoint_cost").decimalValue()).isEqualByComparingTo("5.00");
  }

  @Test
  void spendInTwoCurrenciesOnOneChannelIsNotAddedButRefused() {
    ShopIntegration.SPEND.add(new SpendReport("acct-" + tag, List.of(spend("A", channelName, "2091-05-02", "30.00"))));
    ShopIntegration.SPEND.add(new SpendReport("usd-" + tag, List.of(new io.nexus.server.integration.PlatformSpend(
        "C", null, channelName, java.time.LocalDate.parse("2091-05-02"), "USD", new java.math.BigDecimal("5"), 0, 0,
        null, null))));
    imported("2091-05-01", "2091-05-03");

    Api.Answer refused = api.post("/analytics/channel-roi", "{\"channel_ids\":[" + channel + "],\"start_date\":"
        + "\"2091-05-01\",\"end_date\":\"2091-05-03\",\"attribution_model_id\":" + LINEAR + "}");

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().toString()).contains("EUR and USD");
  }

  private String spendFile(String account, String amount) {
    return "platform,account_id,campaign_id,campaign_name,channel,date,currency,spend,impressions,clicks,conversions\n"
        + "tiktok_ads," + account + ",c-1,Launch," + channelName + ",2091-06-01,eur," + amount + ",900,30,2\n"
        + "tiktok_ads," + account + ",c-1,Launch," + channelName + ",2091-06-02,EUR,5.50,,,\n";
  }

  @Test
  void anUploadedSpendFileIsStoredAndUploadingItAgainChangesNothing() {
    String account = "tt-" + tag;
    byte[] file = spendFile(account, "12.50").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    JsonNode job = Imports.finished(api, api.upload("/integrations/spend/upload", "text/csv", file));
    JsonNode again = Imports.finished(api, api.upload("/integrations/spend/upload", "text/csv", file));

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("spend_rows").asLong()).isEqualTo(2);
    assertThat(job.get("reported_conversions").decimalValue()).isEqualByComparingTo("2");
    assertThat(again.get("spend_rows").asLong()).isEqualTo(2);
    JsonNode listed = api.get("/spend?platform=tiktok_ads&account_id=" + account, 200);
    assertThat(listed.get("total_items").asLong()).isEqualTo(2);
    assertThat(listed.get("totals").get(0).get("spend").decimalValue()).isEqualByComparingTo("18.00");
    assertThat(listed.get("items").get(0).get("currency").asString()).isEqualTo("EUR");
    assertThat(listed.get("items").get(1).get("impressions").asLong()).isZero();
  }

  @Test
  void aSpendFileWithBadRowsIsRefusedWholeNamingEachLine() {
    String account = "tt-" + tag;
    String file = spendFile(account, "12.50") + "tiktok_ads," + account + ",c-2,,Carrier Pigeon,2091-06-01,EUR,1,,,\n"
        + "tiktok_ads," + account + ",c-3,,," + "2091-06-31,EUR,-4,,,\n";

    Api.Answer refused = api.upload("/integrations/spend/upload", "text/csv",
        file.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().toString()).contains("line 4").contains("Carrier Pigeon").contains("line 5");
    assertThat(api.get("/spend?account_id=" + account, 200).get("total_items").asLong()).isZero();
  }

  @Test
  void spendUploadedAsNdjsonIsStoredWithItsNumbersExact() {
    String account = "tt-nd-" + tag;
    String file = "{\"platform\":\"tiktok_ads\",\"account_id\":\"" + account + "\",\"campaign_id\":\"c-1\","
        + "\"campaign_name\":\"Launch\",\"channel\":\"" + channelName + "\",\"date\":\"2091-07-01\","
        + "\"currency\":\"EUR\",\"spend\":12.3456,\"impressions\":900,\"clicks\":30,\"conversions\":2}\n"
        + "\n{\"platform\":\"tiktok_ads\",\"account_id\":\"" + account + "\",\"campaign_id\":\"c-1\","
        + "\"channel\":\"" + channelName + "\",\"date\":\"2091-07-02\",\"currency\":\"eur\",\"spend\":\"0.10\"}\n";

    JsonNode job = Imports.finished(api, api.upload("/integrations/spend/upload", "application/x-ndjson",
        file.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("spend_rows").asLong()).isEqualTo(2);
    JsonNode listed = api.get("/spend?platform=tiktok_ads&account_id=" + account, 200);
    // 12.3456 + 0.10, read as decimals: a double would not keep 12.3456 exact.
    assertThat(listed.get("totals").get(0).get("spend").decimalValue()).isEqualByComparingTo("12.4456");
    assertThat(listed.get("items").get(0).get("clicks").asLong()).isEqualTo(30);
  }

  @Test
  void anNdjsonSpendFileWithBadLinesIsRefusedWholeNamingEachLine() {
    String account = "tt-nd-" + tag;
    String good = "{\"platform\":\"tiktok_ads\",\"account_id\":\"" + account + "\",\"campaign_id\":\"c-1\","
        + "\"channel\":\"" + channelName + "\",\"date\":\"2091-07-03\",\"currency\":\"EUR\",\"spend\":1}";
    String file = good + "\n{\"platform\":\"tiktok_ads\",\"spend\":true}\nnot json\n";

    Api.Answer refused = api.upload("/integrations/spend/upload", "application/x-ndjson",
        file.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().toString()).contains("line 2").contains("account_id is required").contains("line 3")
        .contains("not a JSON object");
    assertThat(api.get("/spend?account_id=" + account, 200).get("total_items").asLong()).isZero();
  }

  @Test
  void aSpendFileWithoutTheRequiredColumnsIsA400() {
    Api.Answer refused = api.upload("/integrations/spend/upload", "text/csv",
        "platform,date,spend\ntiktok_ads,2091-06-01,3\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().toString()).contains("account_id");
  }

  @Test
  void theSpendListingRefusesAnUnreadableDayNamingIt() {
    Api.Answer refused = api.get("/spend?start_date=yesterday");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().toString()).contains("start_date");
  }
}
