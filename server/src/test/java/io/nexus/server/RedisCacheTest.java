package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.Api;
import io.nexus.server.support.Databases;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shared cache on the real Redis of this machine (127.0.0.1:6379, database 7 so other users are untouched). */
@SpringBootTest(properties = {"nexus.cache.backend=redis", "nexus.cache.ttl-seconds=600",
    "spring.data.redis.url=redis://127.0.0.1:6379/7"})
@AutoConfigureMockMvc
class RedisCacheTest {
  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;
  @Autowired
  StringRedisTemplate redis;

  Api api;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
    // Earlier runs used the same journey ids against other databases; their entries must not be found.
    try (var connection = redis.getConnectionFactory().getConnection()) {
      connection.serverCommands().flushDb();
    }
  }

  private long convertingJourney() {
    long j = api.journey("redis-user-" + System.nanoTime(), "2025-01-15T10:00:00Z");
    api.touch(j, 1, "click", "2025-01-15T10:05:00Z", "1.50");
    api.purchase(j, "2025-01-15T11:00:00Z", "99.99");
    return j;
  }

  @Test
  void answersAreCachedInRedisUnderTheAttributionPrefixAndTenantWithTheTtl() {
    long j = convertingJourney();
    assertThat(api.post("/calculate/" + j + "/1", "", 200).get("cached").asBoolean()).isFalse();
    assertThat(api.post("/calculate/" + j + "/1", "", 200).get("cached").asBoolean()).isTrue();
    Set<String> keys = redis.keys("attribution:result:default:j" + j + "v*");
    assertThat(keys).hasSize(1);
    Long ttl = redis.getExpire(keys.iterator().next());
    assertThat(ttl).isBetween(1L, 600L);
  }

  @Test
  void aChangeToTheJourneyIsSeenAtOnce() {
    long j = convertingJourney();
    api.post("/calculate/" + j + "/3", "", 200);
    api.touch(j, 3, "click", "2025-01-15T10:30:00Z", "0.10");
    JsonNode fresh = api.post("/calculate/" + j + "/3", "", 200);
    assertThat(fresh.get("cached").asBoolean()).isFalse();
    assertThat(fresh.get("attributions")).hasSize(2);
  }

  @Test
  void reportsAreCachedAndInvalidatedByNewData() {
    String body = "{\"channel_ids\":[1],\"start_date\":\"2025-01-01\",\"end_date\":\"2025-01-31\","
        + "\"attribution_model_id\":1}";
    convertingJourney();
    JsonNode first = api.post("/analytics/channel-roi", body, 200);
    assertThat(redis.keys("attribution:report:*")).isNotEmpty();
    convertingJourney();
    JsonNode second = api.post("/analytics/channel-roi", body, 200);
    assertThat(second.get(0).get("attributed_revenue").decimalValue())
        .isGreaterThan(first.get(0).get("attributed_revenue").decimalValue());
  }

  @Test
  void cacheHealthShowsRedisOwnFigures() {
    long j = convertingJourney();
    api.post("/calculate/" + j + "/2", "", 200);
    api.post("/calculate/" + j + "/2", "", 200);
    JsonNode health = api.get("/cache/health", 200);
    assertThat(health.get("backend").asString()).isEqualTo("redis");
    assertThat(health.get("status").asString()).isEqualTo("UP");
    assertThat(health.get("keys").asLong()).isPositive();
    assertThat(health.get("memory_used_bytes").asLong()).isPositive();
    assertThat(health.get("hits").asLong()).isPositive();
    assertThat(health.get("ttl_seconds").asLong()).isEqualTo(600);
  }
}
