package io.nexus.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's Chromium, headless, driven by its own chromedriver: no browser is downloaded, and a machine without them
 * fails the test run ({@code bin/test} installs {@code chromium chromium-driver}). The browser's console and network
 * logs are kept so that tests can check what a page printed and where it sent requests; downloads land in a
 * directory of the test's.
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ChromeDriver driver;
  private final Path downloads;

  private HeadlessChromium(ChromeDriver driver, Path downloads) {
    this.driver = driver;
    this.downloads = downloads;
  }

  /** Starts the browser; fails (does not skip) when Chromium or chromedriver is missing. */
  public static HeadlessChromium start(int width, int height) throws IOException {
    assertThat(Files.isExecutable(CHROMIUM)).as(CHROMIUM + " (apt-get install chromium; bin/test does)").isTrue();
    assertThat(Files.isExecutable(CHROMEDRIVER)).as(CHROMEDRIVER + " (apt-get install chromium-driver; bin/test does)")
        .isTrue();
    Path downloads = Files.createTempDirectory("nexus-downloads");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=" + width + "," + height, "--force-device-scale-factor=1");
    options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
        "download.prompt_for_download", false));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    return new HeadlessChromium(driver, downloads);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** The directory downloads go to. */
  public Path downloads() {
    return downloads;
  }

  /** The console messages at SEVERE level since the last call (errors, CSP violations, failed loads). */
  public List<String> consoleErrors() {
    List<String> errors = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        errors.add(entry.getMessage());
      }
    }
    return errors;
  }

  /** The URL of every request the page sent since the last call, from the DevTools network log. */
  public List<String> requestedUrls() {
    List<String> urls = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode message = JSON.readTree(entry.getMessage()).path("message");
      if ("Network.requestWillBeSent".equals(message.path("method").asString())) {
        urls.add(message.path("params").path("request").path("url").asString());
      }
    }
    return urls;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
