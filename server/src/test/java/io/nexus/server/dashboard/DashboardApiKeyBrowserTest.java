package io.nexus.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.persistence.TenantId;
import io.nexus.server.security.Scope;
import io.nexus.server.security.internal.ApiKeys;
import io.nexus.server.support.Databases;
import io.nexus.server.support.HeadlessChromium;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code NEXUS_AUTH=required} the dashboard asks for an API key, asks again when the key is refused, and keeps
 * the accepted key for the browser tab only (sessionStorage), never in the URL or localStorage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"nexus.security.auth=required", "nexus.security.pepper=test-pepper"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiKeyBrowserTest {
  @LocalServerPort
  int port;
  @Autowired
  ApiKeys keys;

  private HeadlessChromium chromium;
  private ChromeDriver browser;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }

  @BeforeAll
  void startBrowser() throws Exception {
    chromium = HeadlessChromium.start(1280, 900);
    browser = chromium.driver();
  }

  @AfterAll
  void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void thePageAsksForAKeyAgainUntilOneIsAcceptedAndKeepsItForTheTabOnly() {
    String key = keys.create(TenantId.DEFAULT, Set.of(Scope.READ), "dashboard", null, Instant.now()).key();
    browser.get("http://localhost:" + port + "/?screen=overview");
    WebElement dialog = awaitDialog();
    WebElement field = dialog.findElement(By.name("key"));
    field.sendKeys("nexus_wrong_key");
    field.submit();
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> browser.findElement(By.id("auth-error")).getText()
        .contains("refused"));
    assertThat(browser.findElement(By.id("auth")).getAttribute("open")).isNotNull();

    field = browser.findElement(By.cssSelector("#auth [name=key]"));
    field.sendKeys(key);
    field.submit();
    new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> "true".equals(
        browser.findElement(By.id("main")).getAttribute("data-ready")));
    assertThat(browser.findElements(By.cssSelector("[data-kpi=revenue]"))).hasSize(1);
    JavascriptExecutor js = browser;
    assertThat(js.executeScript("return sessionStorage.getItem('nexus.apiKey')")).isEqualTo(key);
    assertThat(js.executeScript("return localStorage.length")).isEqualTo(0L);
    assertThat(js.executeScript("return document.cookie")).isEqualTo("");
    assertThat(browser.getCurrentUrl()).doesNotContain(key);

    browser.navigate().refresh();
    new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> "true".equals(
        browser.findElement(By.id("main")).getAttribute("data-ready")));
    assertThat(browser.findElement(By.id("auth")).getAttribute("open")).as("the tab keeps its key").isNull();
  }

  private WebElement awaitDialog() {
    return new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
      WebElement dialog = browser.findElement(By.id("auth"));
      return dialog.getAttribute("open") != null ? dialog : null;
    });
  }
}
