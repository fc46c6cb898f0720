package io.nexus.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard of a service on {@code localhost:port} in a browser, and the same service's API beside it: what the
 * browser tests need to open a view, wait until it is drawn, read the exact values its tables and cards keep, and ask
 * the API the same question.
 */
final class DashboardPage {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ChromeDriver browser;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  DashboardPage(ChromeDriver browser, int port) {
    this.browser = browser;
    this.port = port;
  }

  /** Opens the dashboard with {@code query} and waits until the screen is drawn. */
  void open(String query) {
    browser.get("http://localhost:" + port + "/?" + query);
    awaitReady();
  }

  /** Waits until the screen says it is ready and no chart is still drawing. */
  void awaitReady() {
    new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
      Object ready = ((JavascriptExecutor) d).executeScript(
          "const m = document.getElementById('main'); return m && m.dataset.ready === 'true'"
              + " && !document.querySelector('.rendered-pending');");
      return Boolean.TRUE.equals(ready);
    });
  }

  /** The exact value a KPI card keeps. */
  BigDecimal kpi(String name) {
    return new BigDecimal(browser.findElement(By.cssSelector("[data-kpi=" + name + "] .kpi-value"))
        .getAttribute("data-value"));
  }

  /** The exact values of a table's body, row by row ({@code ""} for an empty cell). */
  @SuppressWarnings("unchecked")
  List<List<String>> tableValues(String id) {
    return (List<List<String>>) ((JavascriptExecutor) browser).executeScript(
        "return [...document.querySelectorAll('#' + arguments[0] + ' tbody tr')]"
            + ".map(tr => [...tr.children].map(td => td.dataset.value));", id);
  }

  /** {@code GET /api/v1/attribution{path}}, which must answer 200. */
  JsonNode get(String path) throws Exception {
    return send(HttpRequest.newBuilder(api(path)).build(), path);
  }

  /** {@code POST /api/v1/attribution{path}} with a JSON body, which must answer 200. */
  JsonNode post(String path, String body) throws Exception {
    return send(HttpRequest.newBuilder(api(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), path);
  }

  private URI api(String path) {
    return URI.create("http://localhost:" + port + "/api/v1/attribution" + path);
  }

  private JsonNode send(HttpRequest request, String path) throws Exception {
    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  /** The demo loads in the background after the start: waits until all its {@code journeys} are in. */
  void awaitDemoData(long journeys) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (get("/journeys?size=1").path("total_items").asLong() >= journeys) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("demo data did not load");
  }
}
