package io.nexus.server;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.Api;
import io.nexus.server.support.Databases;
import io.nexus.server.support.DefaultTenant;
import io.nexus.server.support.GoogleStubs;
import io.nexus.server.support.Imports;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With {@code NEXUS_GA4_INTRADAY=false} a GA4 import runs the query over the daily tables alone, as before. */
@ExtendWith(DefaultTenant.class)
@SpringBootTest(properties = "nexus.ga4.intraday=false")
@AutoConfigureMockMvc
class Ga4ImportWithoutIntradayOnH2Test {
  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
    Ga4ImportContract.google(registry);
  }

  @Test
  void theQueryReadsTheDailyTablesOfTheRangeOnly() {
    Ga4ImportContract.GOOGLE.reset();
    String user = "daily-only-" + System.nanoTime();
    String visit = "{\"event_date\":\"20250406\",\"event_timestamp\":1743930000000000,\"event_name\":\"session_start\","
        + "\"event_params\":[{\"key\":\"ga_session_id\",\"value\":{\"int_value\":1}}],\"user_pseudo_id\":\"" + user
        + "\"}";
    Ga4ImportContract.GOOGLE.server().stubFor(post(urlPathEqualTo(GoogleStubs.queries()))
        .willReturn(okJson(GoogleStubs.dailyOnlyQueryResponse("job_daily", List.of(visit)))));
    Api api = new Api(mvc, json);

    JsonNode job = Imports.finished(api, api.post("/integrations/google_analytics/import",
        "{\"start_date\":\"2025-04-06\",\"end_date\":\"2025-04-06\"}"));

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("touchpoints").asLong()).isEqualTo(1);
    assertThat(job.get("intraday_days")).isEmpty();
    Ga4ImportContract.GOOGLE.server().verify(postRequestedFor(urlPathEqualTo(GoogleStubs.queries()))
        .withRequestBody(matchingJsonPath("$.query", equalTo("SELECT t.event_timestamp, TO_JSON_STRING(t) AS event "
            + "FROM `" + GoogleStubs.PROJECT + "." + GoogleStubs.DATASET + ".events_*` AS t "
            + "WHERE _TABLE_SUFFIX BETWEEN @first_day AND @last_day "
            + "ORDER BY t.event_timestamp, t.user_pseudo_id, t.event_name")))
        .withRequestBody(matchingJsonPath("$.queryParameters[?(@.name == 'first_day')].parameterValue.value",
            equalTo("20250406"))));
  }
}
