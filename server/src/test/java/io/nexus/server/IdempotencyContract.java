package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.nexus.server.support.DefaultTenant;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Idempotency-Key header of the ingest POSTs: a retry answers the original and stores nothing twice, whether the
 * first answer arrived or was lost, whether the retry comes after or alongside the first. Subclasses run it on H2 and
 * on PostgreSQL.
 */
@ExtendWith(DefaultTenant.class)
@SpringBootTest
@AutoConfigureMockMvc
abstract class IdempotencyContract {
  private static final String BASE = "/api/v1/attribution";

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;
  @Autowired
  JdbcTemplate jdbc;

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  private MockHttpServletResponse send(String path, String body, String key) throws Exception {
    MockHttpServletRequestBuilder request = post(BASE + path).contentType(MediaType.APPLICATION_JSON).content(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return mvc.perform(request).andReturn().getResponse();
  }

  private JsonNode body(MockHttpServletResponse response) throws Exception {
    return json.readTree(response.getContentAsString());
  }

  private long journeysOf(String user) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM journeys WHERE user_id = ?", Long.class, user);
  }

  private long journey(String user) throws Exception {
    return body(send("/journeys", "{\"user_id\":\"" + user + "\",\"start_time\":\"2040-01-01T00:00:00Z\"}", null))
        .get("id").asLong();
  }

  @Test
  void aRetryAnswersTheOriginalAndStoresNothingTwice() throws Exception {
    String user = unique("retry");
    String batch = "[{\"user_id\":\"" + user + "\",\"start_time\":\"2040-01-01T00:00:00Z\"},"
        + "{\"user_id\":\"" + user + "\",\"start_time\":\"2040-01-02T00:00:00Z\"}]";
    String key = unique("key");
    MockHttpServletResponse first = send("/journeys/batch", batch, key);
    MockHttpServletResponse retry = send("/journeys/batch", batch, key);
    assertThat(first.getStatus()).isEqualTo(201);
    assertThat(first.getHeader("Idempotent-Replayed")).isNull();
    assertThat(retry.getStatus()).isEqualTo(201);
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.getContentAsString()).isEqualTo(first.getContentAsString());
    assertThat(journeysOf(user)).isEqualTo(2);
  }

  @Test
  void aRetryAfterAnAnswerLostInTransitFindsTheCommittedOriginal() throws Exception {
    long journey = journey(unique("lost"));
    String touches = "[{\"journey_id\":" + journey + ",\"channel_id\":1,\"timestamp\":\"2040-01-01T01:00:00Z\"},"
        + "{\"journey_id\":" + journey + ",\"channel_id\":2,\"timestamp\":\"2040-01-01T02:00:00Z\"}]";
    String key = unique("key");
    // The service commits and answers; the client never sees the answer (a dropped connection, a timeout).
    send("/touchpoints/batch", touches, key);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM touchpoints WHERE journey_id = ?", Long.class, journey))
        .isEqualTo(2);
    MockHttpServletResponse retry = send("/touchpoints/batch", touches, key);
    assertThat(retry.getStatus()).isEqualTo(201);
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    List<Long> ids = new ArrayList<>();
    body(retry).get("items").forEach(t -> ids.add(t.get("id").asLong()));
    assertThat(ids).containsExactlyElementsOf(jdbc.queryForList(
        "SELECT id FROM touchpoints WHERE journey_id = ? ORDER BY position_in_journey", Long.class, journey));
    assertThat(jdbc.queryForObject("SELECT total_touchpoints FROM journeys WHERE id = ?", Integer.class, journey))
        .isEqualTo(2);
  }

  @Test
  void aReplayedSingleWriteKeepsItsStatusAndLocation() throws Exception {
    String body = "{\"user_id\":\"" + unique("single") + "\",\"start_time\":\"2040-01-01T00:00:00Z\"}";
    String key = unique("key");
    MockHttpServletResponse first = send("/journeys", body, key);
    MockHttpServletResponse retry = send("/journeys", body, key);
    assertThat(retry.getStatus()).isEqualTo(201);
    assertThat(retry.getHeader("Location")).isEqualTo(first.getHeader("Location")).isNotNull();
    assertThat(retry.getContentAsString()).isEqualTo(first.getContentAsString());
    long journey = body(first).get("id").asLong();
    String conversion = "{\"journey_id\":" + journey + ",\"timestamp\":\"2040-01-02T00:00:00Z\",\"revenue\":12.5}";
    String conversionKey = unique("key");
    send("/conversions", conversion, conversionKey);
    assertThat(send("/conversions", conversion, conversionKey).getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(jdbc.queryForObject("SELECT conversion_value FROM journeys WHERE id = ?", BigDecimal.class,
        journey)).isEqualByComparingTo("12.5");
  }

  @Test
  void concurrentRequestsWithTheSameKeyStoreOnce() throws Exception {
    String user = unique("together");
    String body = "{\"user_id\":\"" + user + "\",\"start_time\":\"2040-01-01T00:00:00Z\"}";
    String key = unique("key");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<MockHttpServletResponse>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(pool.submit((Callable<MockHttpServletResponse>) () -> send("/journeys", body, key)));
    }
    List<String> bodies = new ArrayList<>();
    for (Future<MockHttpServletResponse> answer : answers) {
      MockHttpServletResponse response = answer.get(60, TimeUnit.SECONDS);
      // Either the original (or its replay) once the first finished, or 409 when it outlasted the lock timeout.
      assertThat(response.getStatus()).isIn(201, 409);
      if (response.getStatus() == 409) {
        assertThat(response.getHeader("Retry-After")).isNotNull();
      } else {
        bodies.add(response.getContentAsString());
      }
    }
    pool.shutdown();
    assertThat(bodies).isNotEmpty().allMatch(b -> b.equals(bodies.get(0)));
    assertThat(journeysOf(user)).isEqualTo(1);
  }

  @Test
  void theSameKeyWithAnotherRequestIs422NamingTheHeader() throws Exception {
    String user = unique("other");
    String key = unique("key");
    send("/journeys", "{\"user_id\":\"" + user + "\",\"start_time\":\"2040-01-01T00:00:00Z\"}", key);
    MockHttpServletResponse reused = send("/journeys", "{\"user_id\":\"" + user + "\",\"start_time\":"
        + "\"2041-01-01T00:00:00Z\"}", key);
    assertThat(reused.getStatus()).isEqualTo(422);
    assertThat(reused.getContentType()).startsWith("application/problem+json");
    assertThat(body(reused).get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
    assertThat(journeysOf(user)).isEqualTo(1);
  }

  @Test
  void aKeyMustBeOneTo255VisibleAsciiCharacters() throws Exception {
    String user = unique("badkey");
    String body = "{\"user_id\":\"" + user + "\",\"start_time\":\"2040-01-01T00:00:00Z\"}";
    for (String key : List.of("has space", "x".repeat(256), "")) {
      MockHttpServletResponse refused = send("/journeys", body, key);
      assertThat(refused.getStatus()).as("key '%s'", key).isEqualTo(400);
      assertThat(body(refused).get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
    }
    assertThat(journeysOf(user)).isZero();
    assertThat(send("/journeys", body, "x".repeat(255)).getStatus()).isEqualTo(201);
  }

  @Test
  void aRefusedKeyIsAnsweredAsAProblemLikeEveryOther() throws Exception {
    MockHttpServletResponse refused = send("/journeys", "{\"user_id\":\"" + unique("problem")
        + "\",\"start_time\":\"2040-01-01T00:00:00Z\"}", "has space");
    assertThat(refused.getContentType()).startsWith("application/problem+json");
    JsonNode problem = body(refused);
    assertThat(problem.get("type").asString()).isEqualTo("https://nexus.io/problems/400");
    assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("detail").asString()).startsWith("Idempotency-Key: must be 1 to 255 visible ASCII");
    assertThat(problem.get("instance").asString()).isEqualTo(BASE + "/journeys");
  }

  @Test
  void aKeyOnAnEndpointThatDoesNotHonourItIsRefusedRatherThanIgnored() throws Exception {
    MockHttpServletResponse refused = send("/calculate/bulk", "{\"journey_ids\":[1],\"model_ids\":[1]}",
        unique("key"));
    assertThat(refused.getStatus()).isEqualTo(400);
    assertThat(body(refused).get("errors").get(0).get("reason").asString()).contains("not supported");
  }

  @Test
  void anErrorAnswerStoresNoKeySoItsRetryRunsAgain() throws Exception {
    String touch = "{\"journey_id\":987654321,\"channel_id\":1,\"timestamp\":\"2040-01-01T01:00:00Z\"}";
    String key = unique("key");
    assertThat(send("/touchpoints", touch, key).getStatus()).isEqualTo(422);
    MockHttpServletResponse retry = send("/touchpoints", touch, key);
    assertThat(retry.getStatus()).isEqualTo(422);
    assertThat(retry.getHeader("Idempotent-Replayed")).isNull();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_keys WHERE idempotency_key = ?", Long.class,
        key)).isZero();
  }

  @Test
  void anExpiredKeyIsForgotten() throws Exception {
    String user = unique("expired");
    String body = "{\"user_id\":\"" + user + "\",\"start_time\":\"2040-01-01T00:00:00Z\"}";
    String key = unique("key");
    send("/journeys", body, key);
    jdbc.update("UPDATE idempotency_keys SET expires_at = created_at WHERE idempotency_key = ?", key);
    MockHttpServletResponse later = send("/journeys", body, key);
    assertThat(later.getStatus()).isEqualTo(201);
    assertThat(later.getHeader("Idempotent-Replayed")).isNull();
    assertThat(journeysOf(user)).isEqualTo(2);
  }
}
