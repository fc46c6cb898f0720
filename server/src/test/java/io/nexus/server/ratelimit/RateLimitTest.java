package io.nexus.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.nexus.server.persistence.TenantId;
import io.nexus.server.security.Scope;
import io.nexus.server.security.internal.ApiKeys;
import io.nexus.server.support.Databases;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Rate limits in process: a token bucket per caller and scope, 429 with Retry-After and the IETF RateLimit headers
 * beyond it. Each test calls from an address or with a key of its own, so that their buckets are apart.
 */
class RateLimitTest {
  private static final String CHANNELS = "/api/v1/attribution/channels";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }

  static MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder request, String address) {
    return request.with(r -> {
      r.setRemoteAddr(address);
      return r;
    });
  }

  static MockHttpServletRequestBuilder newJourney() {
    return post("/api/v1/attribution/journeys").contentType(MediaType.APPLICATION_JSON)
        .content("{\"user_id\":\"u\",\"start_time\":\"2025-03-01T10:00:00Z\"}");
  }

  @Nested
  @SpringBootTest(properties = {"nexus.rate-limit.scopes.read.requests=3", "nexus.rate-limit.scopes.read.window=1m",
      "nexus.rate-limit.scopes.ingest.requests=2"})
  @AutoConfigureMockMvc
  class WithAuthenticationOff {
    @Autowired
    MockMvc mvc;

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
      return mvc.perform(request).andReturn().getResponse();
    }

    @Test
    void answersWithinTheLimitTellThePolicyAndWhatIsLeft() throws Exception {
      for (int left = 2; left >= 0; left--) {
        MockHttpServletResponse answer = send(from(get(CHANNELS), "10.0.0.1"));
        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getHeader("RateLimit-Policy")).isEqualTo("\"read\";q=3;w=60");
        assertThat(answer.getHeader("RateLimit")).startsWith("\"read\";r=" + left + ";t=");
      }
    }

    @Test
    void theRequestOverTheLimitIsAnswered429WithRetryAfter() throws Exception {
      for (int i = 0; i < 3; i++) {
        assertThat(send(from(get(CHANNELS), "10.0.0.2")).getStatus()).isEqualTo(200);
      }
      MockHttpServletResponse refused = send(from(get(CHANNELS), "10.0.0.2"));
      assertThat(refused.getStatus()).isEqualTo(429);
      assertThat(refused.getContentType()).isEqualTo("application/problem+json");
      assertThat(refused.getContentAsString()).contains("Too many requests", "nexus.rate-limit.scopes.read");
      assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 60);
      assertThat(refused.getHeader("RateLimit")).startsWith("\"read\";r=0;t=");
      assertThat(refused.getHeader("RateLimit-Policy")).isEqualTo("\"read\";q=3;w=60");
    }

    @Test
    void eachScopeHasABucketOfItsOwn() throws Exception {
      for (int i = 0; i < 4; i++) {
        send(from(get(CHANNELS), "10.0.0.3"));
      }
      MockHttpServletResponse ingest = send(from(newJourney(), "10.0.0.3"));
      assertThat(ingest.getStatus()).isEqualTo(201);
      assertThat(ingest.getHeader("RateLimit")).startsWith("\"ingest\";r=1;");
    }

    @Test
    void eachClientAddressHasABucketOfItsOwn() throws Exception {
      for (int i = 0; i < 4; i++) {
        send(from(get(CHANNELS), "10.0.0.4"));
      }
      assertThat(send(from(get(CHANNELS), "10.0.0.4")).getStatus()).isEqualTo(429);
      assertThat(send(from(get(CHANNELS), "10.0.0.5")).getStatus()).isEqualTo(200);
    }

    @Test
    void healthIsNeverLimited() throws Exception {
      for (int i = 0; i < 5; i++) {
        MockHttpServletResponse health = send(from(get("/health"), "10.0.0.6"));
        assertThat(health.getStatus()).isEqualTo(200);
        assertThat(health.getHeader("RateLimit")).isNull();
      }
    }

    @Test
    void healthShowsTheInProcessLimiter() throws Exception {
      assertThat(send(get("/health")).getContentAsString())
          .contains("\"rate_limits\":{\"status\":\"UP\",\"store\":\"local\"}");
    }
  }

  @Nested
  @SpringBootTest(properties = {"nexus.rate-limit.scopes.read.requests=2", "nexus.security.auth=required",
      "nexus.security.pepper=test-pepper"})
  @AutoConfigureMockMvc
  class WithKeys {
    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys keys;

    private String key() {
      return keys.create(TenantId.DEFAULT, Set.of(Scope.READ), "rate test", null, Instant.now()).key();
    }

    private int status(String key) throws Exception {
      return mvc.perform(from(get(CHANNELS), "10.0.1.1").header("Authorization", "Bearer " + key)).andReturn()
          .getResponse().getStatus();
    }

    @Test
    void eachKeyHasABucketOfItsOwnWhateverTheAddress() throws Exception {
      String first = key();
      String second = key();
      assertThat(status(first)).isEqualTo(200);
      assertThat(status(first)).isEqualTo(200);
      assertThat(status(first)).isEqualTo(429);
      assertThat(status(second)).isEqualTo(200);
    }
  }

  @Nested
  @SpringBootTest(properties = {"nexus.security.auth=required", "nexus.security.pepper=test-pepper",
      "nexus.rate-limit.failed-authentication.requests=3", "nexus.rate-limit.failed-authentication.window=1m"})
  @AutoConfigureMockMvc
  class WithWrongKeys {
    @Autowired
    MockMvc mvc;
    @Autowired
    ApiKeys keys;

    private MockHttpServletResponse send(String address, String key) throws Exception {
      MockHttpServletRequestBuilder request = from(get(CHANNELS), address);
      return mvc.perform(key == null ? request : request.header("Authorization", "Bearer " + key)).andReturn()
          .getResponse();
    }

    private String rightKey() {
      return keys.create(TenantId.DEFAULT, Set.of(Scope.READ), "guessing test", null, Instant.now()).key();
    }

    @Test
    void anAddressOutOfWrongKeysIsRefusedEvenWithTheRightOne() throws Exception {
      String right = rightKey();
      for (int i = 0; i < 4; i++) {
        assertThat(send("10.0.2.1", "nx_wrong_" + i).getStatus()).isEqualTo(401);
      }
      MockHttpServletResponse refused = send("10.0.2.1", right);
      assertThat(refused.getStatus()).isEqualTo(429);
      assertThat(refused.getContentType()).isEqualTo("application/problem+json");
      assertThat(refused.getContentAsString()).contains("wrong API key", "nexus.rate-limit.failed-authentication");
      assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void wrongKeysWithinTheLimitLeaveTheRightKeyWorking() throws Exception {
      String right = rightKey();
      for (int i = 0; i < 3; i++) {
        assertThat(send("10.0.2.2", "nx_wrong_" + i).getStatus()).isEqualTo(401);
      }
      assertThat(send("10.0.2.2", right).getStatus()).isEqualTo(200);
    }

    @Test
    void anotherAddressIsNotRefusedForThem() throws Exception {
      for (int i = 0; i < 5; i++) {
        send("10.0.2.3", "nx_wrong_" + i);
      }
      assertThat(send("10.0.2.4", rightKey()).getStatus()).isEqualTo(200);
    }

    @Test
    void requestsWithoutAKeyAreNotCountedAsGuesses() throws Exception {
      for (int i = 0; i < 5; i++) {
        assertThat(send("10.0.2.5", null).getStatus()).isEqualTo(401);
      }
      assertThat(send("10.0.2.5", rightKey()).getStatus()).isEqualTo(200);
    }
  }
}
