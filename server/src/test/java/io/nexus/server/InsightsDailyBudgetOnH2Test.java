package io.nexus.server;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.nexus.server.support.Api;
import io.nexus.server.support.ClaudeStub;
import io.nexus.server.support.Databases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.json.JsonMapper;

/** An insights call counts against the tenant's daily budget of AI calls: beyond it 429 naming the budget. */
@SpringBootTest
@AutoConfigureMockMvc
class InsightsDailyBudgetOnH2Test {
  @RegisterExtension
  static final ClaudeStub CLAUDE = new ClaudeStub();
  static final WireMockServer STUB = CLAUDE.server();

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;

  Api api;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
    CLAUDE.provider(registry, "sk-ant-test-insights-daily", 0);
    registry.add("nexus.ai.max-calls-per-day", () -> 1);
  }

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
  }

  private String request() {
    long channel = api.channel("Daily insights " + System.nanoTime(), "1");
    long j = api.journey("daily-insights-" + System.nanoTime(), "2045-02-01T10:00:00Z");
    api.touch(j, channel, "click", "2045-02-01T10:00:00Z", "1");
    api.purchase(j, "2045-02-01T11:00:00Z", "10");
    return "{\"journey_ids\":[" + j + "],\"analysis_type\":\"performance\",\"attribution_model_ids\":[3]}";
  }

  @Test
  void theCallOverTheDailyBudgetIs429NamingItAndMakesNoCall() throws Exception {
    CLAUDE.answers(ClaudeStub.toolAnswer("report_insights", "{\"insights\":[{\"title\":\"One sale\","
        + "\"finding\":\"10.00\",\"evidence\":[\"totals.revenue\"],\"recommendation\":\"Wait for more data.\"}],"
        + "\"summary\":\"One sale.\"}", 1210, 95));
    api.post("/ai/insights", request(), 200);

    MvcResult over = mvc.perform(MockMvcRequestBuilders.post(Api.BASE + "/ai/insights")
        .contentType(MediaType.APPLICATION_JSON).content(request())).andReturn();

    assertThat(over.getResponse().getStatus()).isEqualTo(429);
    assertThat(over.getResponse().getContentAsString()).contains("nexus.ai.max-calls-per-day");
    assertThat(Long.parseLong(over.getResponse().getHeader("Retry-After"))).isBetween(1L, 86_400L);
    STUB.verify(1, postRequestedFor(urlEqualTo("/v1/messages")));
  }
}
