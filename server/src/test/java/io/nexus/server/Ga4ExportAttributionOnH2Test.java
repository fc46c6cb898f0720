package io.nexus.server;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.Api;
import io.nexus.server.support.Databases;
import io.nexus.server.support.GoogleStubs;
import io.nexus.server.support.Imports;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example GA4 export (examples/ga4-export: 300 users worked out by hand) imported from BigQuery into a database of
 * its own is attributed by the service exactly as {@code bin/nexus attribute --format ga4-export} attributes the file
 * (the numbers Ga4ExportTest pins for the command line).
 */
@SpringBootTest
@AutoConfigureMockMvc
class Ga4ExportAttributionOnH2Test {
  private static final GoogleStubs GOOGLE = new GoogleStubs();

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
    registry.add("nexus.ga4.credentials-file", () -> GOOGLE.keyFile().toString());
    registry.add("nexus.ga4.bigquery-project", () -> GoogleStubs.PROJECT);
    registry.add("nexus.ga4.bigquery-dataset", () -> GoogleStubs.DATASET);
    registry.add("nexus.ga4.bigquery-api-url", GOOGLE::baseUrl);
  }

  @AfterAll
  static void stop() {
    GOOGLE.stop();
  }

  @Test
  void theServiceCreditsTheImportedExportAsTheCommandLineDoes() throws Exception {
    List<String> events = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
        Path.of("..", "examples", "ga4-export", "events.ndjson.gz"))), StandardCharsets.UTF_8))) {
      in.lines().forEach(events::add);
    }
    GOOGLE.server().stubFor(post(urlPathEqualTo(GoogleStubs.queries()))
        .willReturn(okJson(GoogleStubs.queryResponse("job_all", events.size(), events, null))));
    Api api = new Api(mvc, json);

    JsonNode job = Imports.finished(api, api.post("/integrations/google_analytics/import",
        "{\"start_date\":\"2025-01-01\",\"end_date\":\"2025-01-31\"}"));
    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");

    // Models 1 first touch, 2 last touch, 3 linear, over every journey of the export.
    JsonNode comparison = api.post("/analytics/model-comparison", "{\"model_ids\":[1,2,3],"
        + "\"start_date\":\"2024-12-01\",\"end_date\":\"2025-03-31\"}", 200);
    Map<String, String> credits = new TreeMap<>();
    for (JsonNode row : comparison.get("channels")) {
      for (JsonNode cell : row.get("values")) {
        if (cell.get("attributed_revenue").decimalValue().signum() != 0 || cell.get("attributed_conversions")
            .asDouble() != 0) {
          credits.put(cell.get("model_id").asLong() + " " + row.get("channel_name").asString(),
              cell.get("attributed_conversions").asDouble() + " "
                  + cell.get("attributed_revenue").decimalValue().stripTrailingZeros().toPlainString());
        }
      }
    }
    // Ga4ExportTest: first_touch Direct 100/3000, Paid Search 100/5000; last_touch Direct 100/3000, Email 100/5000;
    // linear Direct 100/3000, Email 50/2500, Paid Search 50/2500; Paid Social nothing.
    assertThat(credits).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "1 Direct", "100.0 3000",
        "1 Paid Search", "100.0 5000",
        "2 Direct", "100.0 3000",
        "2 Email", "100.0 5000",
        "3 Direct", "100.0 3000",
        "3 Email", "50.0 2500",
        "3 Paid Search", "50.0 2500")));
  }
}
