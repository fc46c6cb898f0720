package io.nexus.server.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.nexus.server.support.Databases;
import io.nexus.server.support.HeadlessChromium;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Imports, platform spend and budget plans in a real headless Chromium against the service with demo data: a file
 * uploaded on the integrations screen becomes a job whose numbers the screen shows as the API has them, a bad file
 * shows its problem and imports nothing, a Meta import (against a WireMock Graph API on localhost) runs from its form,
 * the overview counts uploaded platform spend as the API does, and the budget plan shows the API's current and
 * recommended split. No request leaves the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"nexus.demo=true",
    "nexus.demo-journeys=3000"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardSpendBrowserTest {
  private static final WireMockServer GRAPH = new WireMockServer(options().dynamicPort());
  private static final String INSIGHTS = "/v25.0/act_1234567890/insights";

  static {
    GRAPH.start();
  }

  @LocalServerPort
  int port;

  private HeadlessChromium chromium;
  private ChromeDriver browser;
  private DashboardPage page;
  private final LocalDate to = LocalDate.now(ZoneOffset.UTC);
  private final LocalDate from = to.minusDays(29);
  private final String tag = Long.toString(System.nanoTime(), 36);

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
    registry.add("nexus.meta.access-token", () -> "EAAB-browser-token-0123456789-secret");
    registry.add("nexus.meta.ad-account-id", () -> "act_1234567890");
    registry.add("nexus.meta.graph-url", () -> GRAPH.baseUrl() + "/v25.0");
    registry.add("nexus.meta.retry-base", () -> "10ms");
    registry.add("nexus.ai.api-key", () -> "");
  }

  @BeforeAll
  void startBrowser() throws Exception {
    chromium = HeadlessChromium.start(1280, 900);
    browser = chromium.driver();
    page = new DashboardPage(browser, port);
    page.awaitDemoData(3000);
  }

  @AfterAll
  void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
    GRAPH.stop();
  }

  @Test
  void anUploadedFileBecomesAJobWhoseNumbersTheScreenShowsAsTheApiHasThem() throws Exception {
    String file = "user_id,timestamp,channel,source,medium,campaign,cost,conversion,revenue\n"
        + "up-" + tag + "-a,2025-03-01T10:00:00Z,,google,cpc,spring,1.50,0,\n"
        + "up-" + tag + "-a,2025-03-02T10:00:00Z,Email,,,,,0,\n"
        + "up-" + tag + "-a,2025-03-03T10:00:00Z,,,,,,1,120.00\n"
        + "up-" + tag + "-b,2025-03-01T09:00:00Z,,(direct),(none),,,0,\n";

    JsonNode job = uploadOnScreen("csv", file);

    assertThat(job.path("status").asString()).isEqualTo("succeeded");
    assertThat(job.path("rows_read").asLong()).isEqualTo(4);
    assertThat(job.path("journeys").asLong()).isEqualTo(2);
    assertThat(job.path("touchpoints").asLong()).isEqualTo(3);
    assertThat(job.path("conversions").asLong()).isEqualTo(1);
    assertThat(page.get("/journeys?user_id=up-" + tag + "-a").path("total_items").asLong()).isEqualTo(1);
  }

  @Test
  void aBadFileShowsTheProblemAndImportsNothing() throws Exception {
    String user = "bad-" + tag;
    chromium.requestedUrls();
    page.open("screen=system");
    Path file = file("user_id,timestamp,channel,source,medium,campaign,cost,conversion,revenue\n"
        + user + ",2025-03-01T10:00:00Z,Email,,,,,0,\n"
        + user + ",yesterday,Email,,,,,0,\n"
        + user + ",2025-03-02T10:00:00Z,Carrier Pigeon,,,,,0,\n");
    WebElement panel = platform("csv");
    panel.findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
    panel.findElement(By.cssSelector("button[type=submit]")).click();

    WebElement alert = new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(d -> panel.findElements(By.cssSelector("[role=alert]")).stream().findFirst().orElse(null));

    assertThat(alert.getText()).contains("line 3").contains("line 4").contains("Carrier Pigeon");
    assertThat(panel.findElements(By.cssSelector(".job-status"))).as("no job was started").isEmpty();
    assertThat(page.get("/journeys?user_id=" + user).path("total_items").asLong()).isZero();
    assertThat(chromium.requestedUrls()).allSatisfy(url -> assertThat(url).matches(local()));
  }

  @Test
  void aMetaImportStartedFromItsFormShowsTheJobAsTheApiHasIt() throws Exception {
    GRAPH.stubFor(get(urlPathEqualTo(INSIGHTS)).willReturn(okJson("{\"data\":[" + metaRow("111", "2024-02-01", "12.34")
        + "," + metaRow("111", "2024-02-02", "7.66") + "]}")));
    page.open("screen=system");
    WebElement panel = platform("facebook_ads");
    ((JavascriptExecutor) browser).executeScript("arguments[0].querySelector('[name=from]').value = '2024-02-01';"
        + "arguments[0].querySelector('[name=to]').value = '2024-02-02';", panel);
    panel.findElement(By.cssSelector("button[type=submit]")).click();

    JsonNode job = finishedOnScreen(panel);

    assertThat(job.path("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.path("spend_rows").asLong()).isEqualTo(2);
    JsonNode spend = page.get("/spend?platform=facebook_ads&start_date=2024-02-01&end_date=2024-02-02");
    assertThat(spend.path("totals").get(0).path("spend").decimalValue()).isEqualByComparingTo("20.00");
  }

  /**
   * 1,234.50 and 765.50 of Paid Social spend uploaded for two days of the range: the overview's platform spend is
   * their 2,000.00 (nothing else in the range is platform spend), and the screen shows the API's spend and ROAS.
   */
  @Test
  void theOverviewShowsTheApisSpendWithUploadedPlatformSpend() throws Exception {
    LocalDate first = to.minusDays(3);
    LocalDate second = to.minusDays(2);
    JsonNode job = uploadOnScreen("spend", "platform,account_id,campaign_id,channel,date,currency,spend\n"
        + "tiktok_ads,acct-" + tag + ",c-1,Paid Social," + first + ",EUR,1234.50\n"
        + "tiktok_ads,acct-" + tag + ",c-1,Paid Social," + second + ",EUR,765.50\n");
    assertThat(job.path("spend_rows").asLong()).isEqualTo(2);

    page.open("screen=overview&from=" + from + "&to=" + to);

    JsonNode api = page.post("/analytics/overview", "{\"start_date\":\"" + from + "\",\"end_date\":\"" + to + "\"}");
    JsonNode current = api.path("current");
    assertThat(current.path("platform_spend").decimalValue()).isEqualByComparingTo("2000.00");
    assertThat(current.path("spend_source").asString()).isEqualTo("both");
    assertThat(page.kpi("spend")).isEqualByComparingTo(current.path("spend").decimalValue());
    assertThat(page.kpi("roas")).isEqualByComparingTo(current.path("roas").decimalValue());
    assertThat(browser.findElement(By.id("spend-source")).getAttribute("data-source")).isEqualTo("both");
    List<List<String>> rows = page.tableValues("overview-table");
    assertThat(rows).hasSize(api.path("daily").size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode day = api.path("daily").get(i);
      assertThat(new BigDecimal(rows.get(i).get(4))).as(day.path("date").asString())
          .isEqualByComparingTo(day.path("spend").decimalValue());
      assertThat(rows.get(i).get(5)).isEqualTo(day.path("spend_source").asString());
      assertThat(new BigDecimal(rows.get(i).get(6))).isEqualByComparingTo(day.path("platform_spend").decimalValue());
    }
    assertThat(new BigDecimal(rows.get(rows.size() - 4).get(6))).isEqualByComparingTo("1234.50");
  }

  /**
   * 300.00 of platform spend mapped to the Direct channel, in a month of its own: with Exclude Direct and a lookback
   * in the bar the screen asks for the filtered overview, whose spend leaves those 300.00 out and whose conversions are
   * the unfiltered ones.
   */
  @Test
  void theOverviewSendsTheBarsDirectAndLookbackFilters() throws Exception {
    LocalDate monthTo = to.minusDays(31);
    LocalDate monthFrom = monthTo.minusDays(29);
    uploadOnScreen("spend", "platform,account_id,campaign_id,channel,date,currency,spend\n"
        + "tiktok_ads,direct-" + tag + ",c-1,Direct," + monthTo.minusDays(5) + ",EUR,300.00\n");
    chromium.requestedUrls();

    page.open("screen=overview&direct=exclude&lookback=7&from=" + monthFrom + "&to=" + monthTo);

    String range = "\"start_date\":\"" + monthFrom + "\",\"end_date\":\"" + monthTo + "\"";
    JsonNode all = page.post("/analytics/overview", "{" + range + "}").path("current");
    JsonNode filtered = page.post("/analytics/overview", "{" + range + ",\"exclude_direct\":true,\"lookback_days\":7}")
        .path("current");
    assertThat(filtered.path("excluded_direct_cost").decimalValue()).isEqualByComparingTo("300.00");
    assertThat(filtered.path("spend").decimalValue())
        .isEqualByComparingTo(all.path("spend").decimalValue().subtract(new BigDecimal("300.00")));
    assertThat(page.kpi("spend")).isEqualByComparingTo(filtered.path("spend").decimalValue());
    assertThat(page.kpi("conversions")).isEqualByComparingTo(all.path("conversions").decimalValue());
    assertThat(browser.findElement(By.id("spend-source")).getText()).contains("Direct channels left out (300.00)");
    assertThat(browser.findElement(By.id("main")).getText()).contains("7-day lookback changes nothing here");
    assertThat(chromium.requestedUrls()).allSatisfy(url -> assertThat(url).matches(local()));
  }

  @Test
  void theBudgetPlanShowsTheApisCurrentAndRecommendedSplit() throws Exception {
    chromium.requestedUrls();
    page.open("screen=budget&model=3&from=" + from + "&to=" + to);
    String budget = browser.findElement(By.name("budget")).getAttribute("value");
    JsonNode overview = page.post("/analytics/overview", "{\"start_date\":\"" + from + "\",\"end_date\":\"" + to
        + "\"}");
    assertThat(new BigDecimal(budget)).as("the default budget is the overview's spend")
        .isEqualByComparingTo(overview.path("current").path("spend").decimalValue());

    JsonNode plan = page.post("/analytics/budget-plan", "{\"start_date\":\"" + from + "\",\"end_date\":\"" + to
        + "\",\"attribution_model_id\":3,\"total_budget\":" + budget + "}");

    List<List<String>> rows = page.tableValues("budget-table");
    assertThat(plan.path("channels").size()).isPositive();
    assertThat(rows).hasSize(plan.path("channels").size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode channel = plan.path("channels").get(i);
      assertThat(rows.get(i).get(0)).isEqualTo(channel.path("channel_name").asString());
      assertThat(new BigDecimal(rows.get(i).get(2))).as(rows.get(i).get(0))
          .isEqualByComparingTo(channel.path("current_spend").decimalValue());
      if (channel.path("recommended_spend").isNull()) {
        assertThat(rows.get(i).get(3)).isEmpty();
      } else {
        assertThat(new BigDecimal(rows.get(i).get(3))).as(rows.get(i).get(0))
            .isEqualByComparingTo(channel.path("recommended_spend").decimalValue());
      }
    }
    assertThat(chromium.requestedUrls()).allSatisfy(url -> assertThat(url).matches(local()));
  }

  // --- helpers ---

  private String local() {
    return "(http://localhost:" + port + "/|data:|blob:).*";
  }

  private static String metaRow(String campaign, String day, String spend) {
    return "{\"campaign_id\":\"" + campaign + "\",\"campaign_name\":\"Campaign " + campaign + "\",\"spend\":\""
        + spend + "\",\"impressions\":\"1000\",\"clicks\":\"40\",\"account_currency\":\"EUR\","
        + "\"date_start\":\"" + day + "\",\"date_stop\":\"" + day + "\"}";
  }

  private Path file(String content) throws Exception {
    Path file = Files.createTempFile("nexus-upload-", ".csv");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    file.toFile().deleteOnExit();
    return file;
  }

  private WebElement platform(String name) {
    return browser.findElement(By.cssSelector("section[data-platform=" + name + "]"));
  }

  /** Uploads {@code content} with the platform's form on the system screen; the job as the API has it, finished. */
  private JsonNode uploadOnScreen(String platform, String content) throws Exception {
    chromium.requestedUrls();
    page.open("screen=system");
    WebElement panel = platform(platform);
    panel.findElement(By.cssSelector("input[type=file]")).sendKeys(file(content).toString());
    panel.findElement(By.cssSelector("button[type=submit]")).click();
    JsonNode job = finishedOnScreen(panel);
    assertThat(chromium.requestedUrls()).allSatisfy(url -> assertThat(url).matches(local()));
    return job;
  }

  /**
   * Waits until the panel shows its job finished, then checks that every count it shows is the API's for that job.
   */
  private JsonNode finishedOnScreen(WebElement panel) throws Exception {
    WebElement status = new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> panel
        .findElements(By.cssSelector(".job-status[data-status=succeeded], .job-status[data-status=failed]")).stream()
        .findFirst().orElse(null));
    JsonNode job = page.get("/integrations/jobs/" + status.getAttribute("data-job"));
    assertThat(status.getAttribute("data-status")).isEqualTo(job.path("status").asString());
    List<WebElement> counts = status.findElements(By.cssSelector("[data-count]"));
    assertThat(counts).hasSize(7);
    for (WebElement count : counts) {
      String key = count.getAttribute("data-count");
      assertThat(count.getAttribute("data-value")).as(key).isEqualTo(job.path(key).asString());
    }
    return job;
  }
}
