package io.nexus.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.nexus.server.support.Databases;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Rate limits shared through the real Redis of this machine, and failing open when Redis is out of reach. */
class RedisRateLimitTest {
  private static final String CHANNELS = "/api/v1/attribution/channels";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }

  @Nested
  @SpringBootTest(properties = {"nexus.rate-limit.store=redis", "nexus.rate-limit.scopes.read.requests=2"})
  @AutoConfigureMockMvc
  class OnRedis {
    @Autowired
    MockMvc mvc;

    @Test
    void theLimitHoldsThroughRedis() throws Exception {
      // An address no earlier run used: the buckets outlive the test in Redis for a few seconds.
      String address = "10.9." + (UUID.randomUUID().hashCode() & 0xff) + "." + (System.nanoTime() & 0xff);
      int[] statuses = new int[3];
      for (int i = 0; i < 3; i++) {
        statuses[i] = mvc.perform(RateLimitTest.from(get(CHANNELS), address)).andReturn().getResponse().getStatus();
      }
      assertThat(statuses).containsExactly(200, 200, 429);
      assertThat(mvc.perform(get("/health")).andReturn().getResponse().getContentAsString())
          .contains("\"rate_limits\":{\"status\":\"UP\",\"store\":\"redis\"}");
    }
  }

  @Nested
  @SpringBootTest(properties = {"nexus.rate-limit.store=redis", "nexus.rate-limit.scopes.read.requests=2",
      "spring.data.redis.url=redis://127.0.0.1:6399"})
  @AutoConfigureMockMvc
  class WithRedisDown {
    @Autowired
    MockMvc mvc;

    @Test
    void requestsGoThroughUnlimited() throws Exception {
      for (int i = 0; i < 5; i++) {
        MockHttpServletResponse answer = mvc.perform(get(CHANNELS)).andReturn().getResponse();
        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getHeader("RateLimit")).isNull();
      }
    }

    @Test
    void healthSaysTheLimiterIsDown() throws Exception {
      mvc.perform(get(CHANNELS));
      String health = mvc.perform(get("/health")).andReturn().getResponse().getContentAsString();
      assertThat(health).contains("\"status\":\"DEGRADED\"")
          .contains("\"rate_limits\":{\"status\":\"DOWN\",\"store\":\"redis\",\"detail\":\"Redis is not reachable");
    }
  }
}
