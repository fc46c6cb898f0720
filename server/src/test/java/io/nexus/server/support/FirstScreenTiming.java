package io.nexus.server.support;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * For {@code bench/dashboard-benchmark.sh}: loads the dashboard's first screen in headless Chromium {@code N} times
 * and prints, per load, the milliseconds from navigation start until the overview was drawn (the page records them in
 * {@code <main data-first-screen-ms>}).
 */
public final class FirstScreenTiming {
  private FirstScreenTiming() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int loads = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    try (HeadlessChromium chromium = HeadlessChromium.start(1280, 900)) {
      ChromeDriver browser = chromium.driver();
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < loads; i++) {
        browser.get(url + "/?screen=overview");
        String ms = new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
          String value = d.findElement(By.id("main")).getAttribute("data-first-screen-ms");
          return value == null || value.isEmpty() ? null : value;
        });
        line.append(i == 0 ? "" : " ").append(ms);
      }
      System.out.println(line);
    }
  }
}
