package io.nexus.server;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.nexus.server.support.Api;
import io.nexus.server.support.ClaudeStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.json.JsonMapper;

/** A tenant's daily budget of AI provider calls: beyond it 429 naming the budget, with Retry-After. */
@SpringBootTest
@AutoConfigureMockMvc
abstract class AiDailyBudgetContract {
  @RegisterExtension
  static final ClaudeStub CLAUDE = new ClaudeStub();
  static final WireMockServer STUB = CLAUDE.server();

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;

  Api api;

  static void provider(DynamicPropertyRegistry registry) {
    CLAUDE.provider(registry, "sk-ant-test-daily", 0);
    registry.add("nexus.ai.max-calls-per-day", () -> 1);
  }

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
  }

  private long[] singleTouchJourney() {
    long channel = api.channel("Daily " + System.nanoTime(), "1");
    long j = api.journey("daily-" + System.nanoTime(), "2045-01-01T10:00:00Z");
    long touch = api.touch(j, channel, "click", "2045-01-01T10:00:00Z", "1");
    api.purchase(j, "2045-01-01T11:00:00Z", "10");
    return new long[] {j, touch};
  }

  @Test
  void theCallOverTheDailyBudgetIs429NamingItAndMakesNoCall() throws Exception {
    long[] first = singleTouchJourney();
    long[] second = singleTouchJourney();
    CLAUDE.answers(ClaudeStub.toolAnswer("attribute_journey", "{\"weights\":[{\"touchpoint_id\":" + first[1]
        + ",\"weight\":1}],\"reasoning\":\"The only touch.\"}", 640, 41));
    api.post("/calculate/" + first[0] + "/6", "", 200);

    MvcResult over = mvc.perform(MockMvcRequestBuilders.post(Api.BASE + "/calculate/" + second[0] + "/6"))
        .andReturn();

    assertThat(over.getResponse().getStatus()).isEqualTo(429);
    assertThat(over.getResponse().getContentAsString()).contains("nexus.ai.max-calls-per-day");
    assertThat(Long.parseLong(over.getResponse().getHeader("Retry-After"))).isBetween(1L, 86_400L);
    STUB.verify(1, postRequestedFor(urlEqualTo("/v1/messages")));
  }
}
