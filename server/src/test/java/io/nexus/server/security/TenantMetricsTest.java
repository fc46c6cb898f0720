package io.nexus.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nexus.server.support.Databases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** The HTTP server metrics carry the tenant of each request. */
@SpringBootTest
@AutoConfigureMockMvc
class TenantMetricsTest {
  @Autowired
  MockMvc mvc;
  @Autowired
  MeterRegistry meters;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }

  @Test
  void requestMetricsAreTaggedWithTheCallersTenant() throws Exception {
    mvc.perform(get("/api/v1/attribution/channels")).andExpect(status().isOk());

    Timer timer = meters.find("http.server.requests").tag("uri", "/api/v1/attribution/channels")
        .tag("tenant", "default").timer();
    assertThat(timer).isNotNull();
    assertThat(timer.count()).isPositive();
  }
}
