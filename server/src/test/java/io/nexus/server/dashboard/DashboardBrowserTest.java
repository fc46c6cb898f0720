package io.nexus.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.nexus.server.support.Databases;
import io.nexus.server.support.HeadlessChromium;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in a real headless Chromium against the service with demo data: every screen loads without a console
 * error or a request leaving the service, shows the API's numbers for the same filters, follows the filters into the
 * URL and its charts, finds journeys, exports what its tables show, and passes axe-core without a serious or critical
 * violation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"nexus.demo=true",
    "nexus.demo-journeys=3000"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
  static final List<String> SCREENS = List.of("overview", "comparison", "roi", "journeys", "paths", "markov",
      "insights", "budget", "system");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  private HeadlessChromium chromium;
  private ChromeDriver browser;
  private DashboardPage page;
  private final LocalDate to = LocalDate.now(ZoneOffset.UTC);
  private final LocalDate from = to.minusDays(29);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
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
  }

  static Stream<String> screens() {
    return SCREENS.stream();
  }

  @ParameterizedTest
  @MethodSource("screens")
  void everyScreenLoadsWithoutConsoleErrorsAndNothingFromOutside(String screen) {
    chromium.consoleErrors();
    chromium.requestedUrls();
    page.open("screen=" + screen);
    assertThat(browser.findElement(By.id("main")).getText()).doesNotContain("Could not load");
    List<String> alerts = browser.findElements(By.cssSelector("[role=alert]")).stream()
        .filter(WebElement::isDisplayed).map(WebElement::getText).toList();
    List<String> errors = chromium.consoleErrors();
    assertThat(alerts).as("alerts on " + screen).isEmpty();
    assertThat(errors).as("console errors on " + screen).isEmpty();
    assertThat(chromium.requestedUrls()).as("requests of " + screen).isNotEmpty()
        .allSatisfy(url -> assertThat(url).matches("(http://localhost:" + port + "/|data:|blob:).*"));
    for (WebElement chart : browser.findElements(By.cssSelector(".chart"))) {
      assertThat(chart.getAttribute("role")).isEqualTo("img");
      assertThat(chart.getAttribute("aria-label")).as("text alternative").hasSizeGreaterThan(30);
      assertThat(chart.getAttribute("data-rendered")).isEqualTo("true");
    }
  }

  @ParameterizedTest
  @MethodSource("screens")
  void axeFindsNoSeriousOrCriticalViolation(String screen) {
    page.open("screen=" + screen);
    // Legacy mode: the page has no frames, so axe need not open windows of its own to reach them.
    Results results = new AxeBuilder().setLegacyMode(true)
        .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
        .analyze(browser);
    List<String> serious = new ArrayList<>();
    for (Rule violation : results.getViolations()) {
      if ("serious".equals(violation.getImpact()) || "critical".equals(violation.getImpact())) {
        serious.add(violation.getId() + ": " + violation.getHelp() + " " + violation.getNodes().stream()
            .map(n -> String.valueOf(n.getTarget())).toList());
      }
    }
    assertThat(serious).as("axe-core on " + screen).isEmpty();
  }

  @Test
  void theOverviewShowsTheApisNumbersForTheSameDates() throws Exception {
    page.open("screen=overview&from=" + from + "&to=" + to);
    JsonNode api = page.post("/analytics/overview", "{\"start_date\":\"" + from + "\",\"end_date\":\"" + to + "\"}");
    JsonNode current = api.path("current");
    assertThat(page.kpi("conversions")).isEqualByComparingTo(current.path("conversions").asString());
    assertThat(page.kpi("revenue")).isEqualByComparingTo(current.path("revenue").asString());
    assertThat(page.kpi("spend")).isEqualByComparingTo(current.path("spend").asString());
    assertThat(page.kpi("roas")).isEqualByComparingTo(current.path("roas").asString());
    List<List<String>> rows = page.tableValues("overview-table");
    assertThat(rows).hasSize(api.path("daily").size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode day = api.path("daily").get(i);
      assertThat(rows.get(i).get(0)).isEqualTo(day.path("date").asString());
      assertThat(new BigDecimal(rows.get(i).get(3))).isEqualByComparingTo(day.path("revenue").asString());
      assertThat(new BigDecimal(rows.get(i).get(4))).isEqualByComparingTo(day.path("spend").asString());
    }
  }

  @Test
  void channelRoiShowsTheApisNumbersForTheChosenModel() throws Exception {
    page.open("screen=roi&model=7&from=" + from + "&to=" + to);
    JsonNode api = page.post("/analytics/channel-roi", "{\"start_date\":\"" + from + "\",\"end_date\":\"" + to
        + "\",\"attribution_model_id\":7}");
    List<List<String>> rows = page.tableValues("roi-table");
    assertThat(rows).hasSize(api.size());
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).get(0)).isEqualTo(api.get(i).path("channel_name").asString());
      assertThat(new BigDecimal(rows.get(i).get(1))).isEqualByComparingTo(api.get(i).path("cost").asString());
      assertThat(new BigDecimal(rows.get(i).get(2))).isEqualByComparingTo(
          api.get(i).path("attributed_revenue").asString());
    }
  }

  @Test
  void choosingAnotherModelChangesTheUrlTheTableAndTheChart() {
    page.open("screen=roi&model=1&from=" + from + "&to=" + to);
    String chartBefore = chartPixels();
    List<List<String>> before = page.tableValues("roi-table");
    new Select(browser.findElement(By.name("model"))).selectByValue("3");
    page.awaitReady();
    assertThat(browser.getCurrentUrl()).contains("model=3").contains("screen=roi");
    assertThat(page.tableValues("roi-table")).isNotEqualTo(before);
    assertThat(chartPixels()).isNotEqualTo(chartBefore);
    browser.navigate().refresh();
    page.awaitReady();
    assertThat(new Select(browser.findElement(By.name("model"))).getFirstSelectedOption().getAttribute("value"))
        .as("the view survives a reload").isEqualTo("3");
  }

  @Test
  void changingTheDatesChangesTheUrlAndTheTrend() {
    page.open("screen=overview&from=" + from + "&to=" + to);
    String chartBefore = chartPixels();
    setDate("from", to.minusDays(6));
    browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
    page.awaitReady();
    assertThat(browser.getCurrentUrl()).contains("from=" + to.minusDays(6));
    assertThat(page.tableValues("overview-table")).hasSize(7);
    assertThat(chartPixels()).isNotEqualTo(chartBefore);
  }

  @Test
  void aChannelFilterKeepsOnlyThatChannel() {
    page.open("screen=roi&model=3&from=" + from + "&to=" + to);
    String chartBefore = chartPixels();
    WebElement box = browser.findElement(By.cssSelector("#channel-boxes input[value='1']"));
    box.click();
    browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
    page.awaitReady();
    assertThat(browser.getCurrentUrl()).contains("channels=1");
    assertThat(page.tableValues("roi-table")).extracting(row -> row.get(0)).containsExactly("Paid Search");
    assertThat(chartPixels()).isNotEqualTo(chartBefore);
  }

  @Test
  void excludingDirectAndALookbackGoIntoTheUrlAndMatchTheApi() throws Exception {
    page.open("screen=comparison&from=" + from + "&to=" + to);
    browser.findElement(By.name("nodirect")).click();
    WebElement lookback = browser.findElement(By.name("lookback"));
    lookback.sendKeys("7");
    applyFilters();
    assertThat(browser.getCurrentUrl()).contains("direct=exclude").contains("lookback=7");
    JsonNode api = page.post("/analytics/model-comparison", "{\"start_date\":\"" + from + "\",\"end_date\":\"" + to
        + "\",\"exclude_direct\":true,\"lookback_days\":7}");
    List<List<String>> rows = page.tableValues("comparison-table");
    assertThat(rows).hasSize(api.path("channels").size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode channel = api.path("channels").get(i);
      for (int m = 0; m < channel.path("values").size(); m++) {
        assertThat(new BigDecimal(rows.get(i).get(m + 1)))
            .isEqualByComparingTo(channel.path("values").get(m).path("attributed_revenue").asString());
      }
      if (channel.path("channel_name").asString().equals("Direct")) {
        assertThat(rows.get(i).subList(1, rows.get(i).size())).allSatisfy(v -> assertThat(new BigDecimal(v))
            .isZero());
      }
    }
  }

  @Test
  void excludingDirectOnThePathsScreenTakesDirectOffThePathsAsTheApiDoes() throws Exception {
    page.open("screen=paths&from=" + from + "&to=" + to);
    assertThat(chips()).as("Direct is on some path of the demo data").contains("Direct");
    browser.findElement(By.name("nodirect")).click();
    applyFilters();

    assertThat(browser.getCurrentUrl()).contains("direct=exclude").contains("screen=paths");
    assertThat(chips()).isNotEmpty().doesNotContain("Direct");
    JsonNode api = page.post("/analytics/top-paths", "{\"start_date\":\"" + from + "\",\"end_date\":\"" + to
        + "\",\"limit\":20,\"include_non_converting\":false,\"exclude_direct\":true}");
    List<List<String>> rows = page.tableValues("paths-table");
    assertThat(rows).hasSize(api.path("paths").size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode path = api.path("paths").get(i);
      List<String> names = new ArrayList<>();
      path.path("path").forEach(n -> names.add(n.asString()));
      assertThat(rows.get(i).get(0)).isEqualTo(String.join(" > ", names));
      assertThat(Long.parseLong(rows.get(i).get(2))).isEqualTo(path.path("conversions").asLong());
      assertThat(new BigDecimal(rows.get(i).get(5))).isEqualByComparingTo(path.path("revenue").asString());
    }
    List<WebElement> note = browser.findElements(By.id("paths-left-out"));
    assertThat(note.isEmpty() ? "0" : note.get(0).getAttribute("data-value"))
        .isEqualTo(api.path("journeys_without_touches").asString());
    assertThat(browser.findElement(By.id("touch-note")).getText()).contains("Direct excluded");
  }

  @Test
  void theComparisonWithIntervalsWithoutDirectShowsTheApisValuesAndRanges() throws Exception {
    page.open("screen=comparison&intervals=true&direct=exclude&channels=1,3&from=" + from + "&to=" + to);
    JsonNode api = page.post("/analytics/model-comparison", "{\"start_date\":\"" + from + "\",\"end_date\":\"" + to
        + "\",\"channel_ids\":[1,3],\"intervals\":true,\"exclude_direct\":true}");
    List<WebElement> rows = browser.findElements(By.cssSelector("#comparison-table tbody tr"));
    assertThat(rows).hasSize(api.path("channels").size());
    for (int i = 0; i < rows.size(); i++) {
      List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
      JsonNode values = api.path("channels").get(i).path("values");
      assertThat(cells).hasSize(values.size());
      for (int m = 0; m < cells.size(); m++) {
        JsonNode cell = values.get(m);
        assertThat(new BigDecimal(cells.get(m).getAttribute("data-value")))
            .isEqualByComparingTo(cell.path("attributed_revenue").asString());
        JsonNode bounds = cell.path("attributed_revenue_interval");
        if (bounds.isArray()) {
          assertThat(cells.get(m).getText()).contains(String.format(java.util.Locale.US, "%,.2f – %,.2f",
              bounds.get(0).decimalValue(), bounds.get(1).decimalValue()));
        }
      }
    }
  }

  @Test
  void theMarkovChainWithoutDirectHasNoDirectStateAndTheApisProbabilities() throws Exception {
    page.open("screen=markov&markov=7&direct=exclude&lookback=14");
    JsonNode api = page.get("/models/7/markov-chain?lookback_days=14&exclude_direct=true");
    List<List<String>> rows = page.tableValues("transition-table");
    assertThat(rows).extracting(row -> row.get(0)).doesNotContain("Direct")
        .hasSize(api.path("states").size() - 2);
    List<String> states = new ArrayList<>();
    api.path("states").forEach(state -> states.add(state.asString()));
    for (JsonNode t : api.path("transitions")) {
      List<String> row = rows.stream().filter(r -> r.get(0).equals(t.path("from").asString())).findFirst()
          .orElseThrow();
      assertThat(Double.parseDouble(row.get(1 + states.indexOf(t.path("to").asString()))))
          .isEqualTo(t.path("probability").asDouble());
    }
  }

  @Test
  void screensTheFilterDoesNotApplyToSaySo() {
    page.open("screen=journeys&direct=exclude&lookback=7");
    WebElement note = browser.findElement(By.id("touch-note"));
    assertThat(note.getText()).startsWith("Lookback and Exclude Direct do not apply to Journey explorer");
    assertThat(note.getAttribute("data-applies")).isEqualTo("false");
    page.open("screen=budget&direct=exclude&lookback=7");
    assertThat(browser.findElement(By.id("touch-note")).getAttribute("data-applies")).isEqualTo("true");
  }

  @Test
  void aJourneyFoundByUserIdShowsItsTimelineAndEveryModelsCredits() throws Exception {
    JsonNode found = page.get("/journeys?has_conversion=true&size=1&start_date=" + from + "&end_date=" + to)
        .path("items").get(0);
    String user = found.path("user_id").asString();
    long id = found.path("id").asLong();
    page.open("screen=journeys&from=" + from + "&to=" + to);
    WebElement field = browser.findElement(By.name("user"));
    field.sendKeys(user);
    field.submit();
    page.awaitReady();
    assertThat(browser.getCurrentUrl()).contains("user=" + user);
    assertThat(browser.findElement(By.id("journey-title")).getText()).contains("Journey " + id).contains(user);
    JsonNode linear = page.get("/journeys/" + id + "/visualization?model_id=3");
    List<List<String>> touches = page.tableValues("touch-table");
    assertThat(touches).hasSize(linear.path("touchpoints").size());
    List<String> headers = browser.findElements(By.cssSelector("#touch-table thead th")).stream()
        .map(WebElement::getText).toList();
    assertThat(headers).contains("Linear", "First Touch", "Markov Chain", "Shapley Value");
    int linearColumn = headers.indexOf("Linear");
    for (int i = 0; i < touches.size(); i++) {
      JsonNode touch = linear.path("touchpoints").get(i);
      assertThat(touches.get(i).get(2)).isEqualTo(touch.path("channel_name").asString());
      assertThat(new BigDecimal(touches.get(i).get(linearColumn)))
          .isEqualByComparingTo(touch.path("attributed_revenue").asString());
    }
    assertThat(browser.findElement(By.cssSelector(".chart")).getAttribute("data-rendered")).isEqualTo("true");
  }

  @Test
  void theCsvExportHoldsWhatTheTableShows() throws Exception {
    page.open("screen=comparison&from=" + from + "&to=" + to);
    WebElement section = browser.findElement(By.id("comparison-table")).findElement(By.xpath("ancestor::section"));
    Path csv = download(section.findElement(By.xpath(".//button[text()='Download CSV']")), ".csv");
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<List<String>> rows = page.tableValues("comparison-table");
    assertThat(lines).hasSize(rows.size() + 1);
    assertThat(lines.get(0)).startsWith("channel_name,m");
    for (int i = 0; i < rows.size(); i++) {
      assertThat(lines.get(i + 1)).isEqualTo(String.join(",", rows.get(i)));
    }
  }

  @Test
  void aChartExportsAsPng() throws Exception {
    page.open("screen=markov");
    byte[] png = Files.readAllBytes(download(browser.findElement(By.xpath("//button[text()='Download PNG']")), ".png"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void theInsightsScreenShowsTheRuleWritersAnswerWithTheFactsItCites() throws Exception {
    page.open("screen=insights&analysis=optimization&from=" + from + "&to=" + to);
    JsonNode api = page.post("/ai/insights", "{\"start_date\":\"" + from + "\",\"end_date\":\"" + to
        + "\",\"analysis_type\":\"optimization\"}");
    assertThat(api.path("source").asString()).as("no AI provider in this test").isEqualTo("rules");
    WebElement source = browser.findElement(By.id("insight-source"));
    assertThat(source.getAttribute("data-source")).isEqualTo("rules");
    assertThat(source.getText()).startsWith("Source: rules");
    assertThat(browser.findElement(By.id("insight-summary")).getText()).isEqualTo(api.path("summary").asString());

    List<WebElement> shown = browser.findElements(By.cssSelector("#insight-list > li"));
    assertThat(api.path("insights").size()).isPositive();
    assertThat(shown).hasSize(api.path("insights").size());
    for (int i = 0; i < shown.size(); i++) {
      JsonNode insight = api.path("insights").get(i);
      assertThat(shown.get(i).findElement(By.tagName("h3")).getText()).isEqualTo(insight.path("title").asString());
      assertThat(shown.get(i).getText()).contains(insight.path("finding").asString(),
          insight.path("recommendation").asString());
      List<String> cited = new ArrayList<>();
      insight.path("evidence").forEach(id -> cited.add("fact " + id.asString()));
      assertThat(shown.get(i).findElements(By.cssSelector(".evidence a")).stream().map(WebElement::getText))
          .as("the facts insight " + i + " cites").containsExactlyElementsOf(cited).isNotEmpty();
      insight.path("evidence").forEach(id -> assertThat(browser.findElements(By.id("fact-" + id.asString())))
          .as("the row of cited fact " + id.asString()).hasSize(1));
    }

    List<List<String>> rows = page.tableValues("fact-table");
    assertThat(rows).hasSize(api.path("facts").size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode fact = api.path("facts").get(i);
      assertThat(rows.get(i).subList(0, 2)).containsExactly(fact.path("id").asString(), fact.path("type").asString());
      JsonNode value = fact.path("value");
      if (value.isNumber()) {
        assertThat(new BigDecimal(rows.get(i).get(2))).as(fact.path("id").asString())
            .isEqualByComparingTo(value.decimalValue());
      } else {
        assertThat(plain(JSON.readTree(rows.get(i).get(2)))).as(fact.path("id").asString()).isEqualTo(plain(value));
      }
    }
    BigDecimal revenue = null;
    for (JsonNode fact : api.path("facts")) {
      if (fact.path("id").asString().equals("totals.revenue")) {
        revenue = fact.path("value").decimalValue();
      }
    }
    assertThat(revenue).as("the totals.revenue fact").isNotNull();
    assertThat(browser.findElement(By.cssSelector("[id='fact-totals.revenue'] td:nth-of-type(2)")).getText())
        .as("money shown to the cent").isEqualTo(String.format(java.util.Locale.US, "%,.2f", revenue));
  }

  @Test
  void anotherAnalysisTypeGoesIntoTheUrlAndAsksTheApiForIt() throws Exception {
    page.open("screen=insights&from=" + from + "&to=" + to);
    new Select(browser.findElement(By.id("analysis-type"))).selectByValue("trends");
    page.awaitReady();
    assertThat(browser.getCurrentUrl()).contains("analysis=trends");
    JsonNode api = page.post("/ai/insights", "{\"start_date\":\"" + from + "\",\"end_date\":\"" + to
        + "\",\"analysis_type\":\"trends\"}");
    List<String> ids = new ArrayList<>();
    api.path("facts").forEach(f -> ids.add(f.path("id").asString()));
    assertThat(page.tableValues("fact-table")).extracting(row -> row.get(0)).containsExactlyElementsOf(ids)
        .anySatisfy(id -> assertThat(id).startsWith("wow."));
  }

  @Test
  void theScreensAreReachableByKeyboard() {
    page.open("screen=overview");
    WebElement link = browser.findElement(By.cssSelector("#nav a[data-screen=paths]"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].focus()", link);
    link.sendKeys(org.openqa.selenium.Keys.ENTER);
    page.awaitReady();
    assertThat(browser.getCurrentUrl()).contains("screen=paths");
    assertThat(browser.findElement(By.id("main")).getAttribute("data-screen")).isEqualTo("paths");
  }

  // --- helpers ---

  /** A JSON value with its numbers as plain decimals, so that 2.0 and 2 compare equal. */
  private static Object plain(JsonNode node) {
    if (node.isNumber()) {
      return node.decimalValue().stripTrailingZeros();
    }
    if (node.isArray()) {
      List<Object> items = new ArrayList<>();
      node.forEach(item -> items.add(plain(item)));
      return items;
    }
    if (node.isObject()) {
      java.util.Map<String, Object> fields = new java.util.TreeMap<>();
      node.properties().forEach(e -> fields.put(e.getKey(), plain(e.getValue())));
      return fields;
    }
    return node.isNull() ? "null" : node.asString();
  }

  /** Submits the filter bar and waits for the screen it leads to. */
  private void applyFilters() {
    browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
    page.awaitReady();
  }

  /** The channel names on the chips of the paths table. */
  private List<String> chips() {
    return browser.findElements(By.cssSelector("#paths-table .chip")).stream().map(WebElement::getText).distinct()
        .toList();
  }

  private String chartPixels() {
    return (String) ((JavascriptExecutor) browser).executeScript(
        "return document.querySelector('.chart canvas').toDataURL()");
  }

  private void setDate(String name, LocalDate date) {
    ((JavascriptExecutor) browser).executeScript("document.querySelector('#filters [name=' + arguments[0] + ']')"
        + ".value = arguments[1]", name, date.toString());
  }

  /**
   * Clicks {@code button} and waits for the file it downloads. Chromium reserves the final name with an empty file
   * and writes into a {@code .crdownload} beside it, so a file counts once it is not empty, no download is in
   * progress, and its size held still between two looks; files of earlier downloads are removed first.
   */
  private Path download(WebElement button, String suffix) throws Exception {
    try (Stream<Path> files = Files.list(chromium.downloads())) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
    button.click();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    long lastSize = -1;
    while (System.nanoTime() < deadline) {
      List<Path> files;
      try (Stream<Path> listed = Files.list(chromium.downloads())) {
        files = listed.toList();
      }
      Path done = files.stream().filter(p -> p.toString().endsWith(suffix)).findFirst().orElse(null);
      boolean writing = files.stream().anyMatch(p -> p.toString().endsWith(".crdownload"));
      long size = done == null ? -1 : Files.size(done);
      if (done != null && !writing && size > 0 && size == lastSize) {
        return done;
      }
      lastSize = size;
      Thread.sleep(100);
    }
    throw new AssertionError("no complete " + suffix + " download in " + chromium.downloads());
  }
}
