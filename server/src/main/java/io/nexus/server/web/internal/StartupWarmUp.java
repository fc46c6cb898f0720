package io.nexus.server.web.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the service accepts traffic, asks it in the background for what the dashboard's first screen asks for (the
 * page, its scripts, the catalogue and the overview of the last 30 days). The first request after a start otherwise
 * pays for class loading, JIT compilation and the first use of every layer of the request path: measured on the demo
 * data, the overview's first answer took 230 ms alone and 640 ms beside the page's other calls, later ones 7-14 ms,
 * and the first person to open the dashboard waited for it. Failures (a key required, say) are only logged; a request
 * refused still warms most of the path. {@code nexus.warm-up.enabled=false} turns it off.
 */
@Component
class StartupWarmUp {
  private static final Logger log = LoggerFactory.getLogger(StartupWarmUp.class);
  private static final String API = "/api/v1/attribution";

  private final boolean enabled;
  private final String address;

  StartupWarmUp(@Value("${nexus.warm-up.enabled:true}") boolean enabled,
      @Value("${server.address:127.0.0.1}") String address) {
    this.enabled = enabled;
    // A service listening on every address answers on the loopback one too.
    this.address = address.isBlank() || address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1" : address;
  }

  // Readiness comes after every ApplicationReadyEvent listener (demo data, tenant-scoped connections) has run.
  @EventListener
  void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
    ApplicationContext context = (ApplicationContext) event.getSource();
    if (!enabled || event.getState() != ReadinessState.ACCEPTING_TRAFFIC
        || !(context instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
      return;
    }
    String host = address.contains(":") ? "[" + address + "]" : address;
    String base = "http://" + host + ":" + web.getWebServer().getPort();
    Thread thread = new Thread(() -> warmUp(base), "nexus-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private void warmUp(String base) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String range = "{\"start_date\":\"" + today.minusDays(29) + "\",\"end_date\":\"" + today + "\"}";
    long start = System.nanoTime();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      for (String path : List.of("/", "/dashboard/app.js", API + "/models", API + "/channels")) {
        send(http, HttpRequest.newBuilder(URI.create(base + path)).GET());
      }
      send(http, HttpRequest.newBuilder(URI.create(base + API + "/analytics/overview"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(range)));
      log.info("warm-up: the dashboard's first screen asked for once in {} ms",
          (System.nanoTime() - start) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.info("warm-up skipped: {}", e.toString());
    }
  }

  private static void send(HttpClient http, HttpRequest.Builder request) throws Exception {
    HttpResponse<Void> answer = http.send(request.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.discarding());
    if (answer.statusCode() >= 400) {
      log.debug("warm-up: {} answered {}", answer.request().uri().getPath(), answer.statusCode());
    }
  }
}
