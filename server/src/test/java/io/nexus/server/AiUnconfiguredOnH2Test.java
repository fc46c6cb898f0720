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

/** The data-driven model without an AI provider: 503 naming the variable to set, or its fallback model's credits. */
@SpringBootTest
@AutoConfigureMockMvc
class AiUnconfiguredOnH2Test {
  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;

  Api api;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
    registry.add("nexus.ai.api-key", () -> "");
  }

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
  }

  private long convertingJourney() {
    long channel = api.channel("Unconfigured " + System.nanoTime(), "1");
    long j = api.journey("no-ai-" + System.nanoTime(), "2044-01-01T10:00:00Z");
    api.touch(j, channel, "click", "2044-01-01T10:00:00Z", "1");
    api.touch(j, channel, "click", "2044-01-01T11:00:00Z", "1");
    api.purchase(j, "2044-01-01T12:00:00Z", "80");
    return j;
  }

  @Test
  void withoutAKeyTheAiModelAnswers503NamingTheVariableToSet() {
    JsonNode problem = api.post("/calculate/" + convertingJourney() + "/6", "", 503);

    assertThat(problem.get("detail").asString()).contains("AI provider not configured").contains("ANTHROPIC_API_KEY");
  }

  @Test
  void withAFallbackModelTheAnswerCarriesItsCreditsAndSaysSo() {
    long model = api.post("/models", "{\"name\":\"AI with fallback " + System.nanoTime() + "\",\"model_type\":"
        + "\"data_driven\",\"ml_model_type\":\"claude-sonnet-4-5-20250929\",\"ml_parameters\":{\"fallback_model_id\":3}}",
        201).get("id").asLong();

    JsonNode answer = api.post("/calculate/" + convertingJourney() + "/" + model, "", 200);

    assertThat(answer.get("fallback").get("model_id").asLong()).isEqualTo(3);
    assertThat(answer.get("fallback").get("reason").asString()).isEqualTo("AI provider not configured");
    assertThat(answer.get("model_type").asString()).isEqualTo("linear");
    assertThat(answer.get("attributions").get(0).get("attributed_revenue").decimalValue()).isEqualByComparingTo("80");
    assertThat(answer.has("ai")).isFalse();
  }
}
