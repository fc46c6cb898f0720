package io.nexus.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nexus.server.support.Databases;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A service that starts listening asks itself once for the dashboard's first screen, so its first user does not. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "nexus.warm-up.enabled=true")
class StartupWarmUpTest {
  @Autowired
  MeterRegistry meters;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }

  private long served(String method, String uri) {
    Timer timer = meters.find("http.server.requests").tag("method", method).tag("uri", uri).timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void theOverviewAndTheCatalogueAreAskedForOnceTheServiceIsReady() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (served("POST", "/api/v1/attribution/analytics/overview") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(served("POST", "/api/v1/attribution/analytics/overview")).isEqualTo(1);
    assertThat(served("GET", "/api/v1/attribution/models")).isEqualTo(1);
    assertThat(served("GET", "/api/v1/attribution/channels")).isEqualTo(1);
  }
}
