package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.Api;
import io.nexus.server.support.Databases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With Redis configured but not reachable, the service answers from the database and says the cache is down. */
@SpringBootTest(properties = {"nexus.cache.backend=redis", "spring.data.redis.url=redis://127.0.0.1:6399"})
@AutoConfigureMockMvc
class RedisDownTest {
  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;

  Api api;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
  }

  @Test
  void calculationsKeepWorkingWithoutTheCache() {
    long j = api.journey("no-redis", "2025-01-15T10:00:00Z");
    api.touch(j, 1, "click", "2025-01-15T10:05:00Z", "1.50");
    api.purchase(j, "2025-01-15T11:00:00Z", "99.99");
    JsonNode first = api.post("/calculate/" + j + "/3", "", 200);
    JsonNode second = api.post("/calculate/" + j + "/3", "", 200);
    assertThat(first.get("cached").asBoolean()).isFalse();
    assertThat(second.get("cached").asBoolean()).isFalse();
    assertThat(second.get("attributions").get(0).get("attributed_revenue").decimalValue())
        .isEqualByComparingTo("99.99");
  }

  @Test
  void healthSaysTheCacheIsDown() {
    JsonNode health = api.get("/health", 200);
    assertThat(health.get("status").asString()).isEqualTo("DEGRADED");
    assertThat(health.get("components").get("database").get("status").asString()).isEqualTo("UP");
    assertThat(health.get("components").get("cache").get("status").asString()).isEqualTo("DOWN");
    JsonNode cache = api.get("/cache/health", 200);
    assertThat(cache.get("status").asString()).isEqualTo("DOWN");
    assertThat(cache.get("detail").asString()).contains("Redis is not reachable");
  }
}
