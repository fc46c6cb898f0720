package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.Api;
import io.nexus.server.support.fuzz.FuzzRequest;
import io.nexus.server.support.fuzz.Leaks;
import io.nexus.server.support.fuzz.Operation;
import io.nexus.server.support.fuzz.RequestGenerator;
import io.nexus.server.support.fuzz.WriteCounter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every operation of the service's own OpenAPI document, fuzzed from its schema with a fixed seed
 * ({@code -Dnexus.fuzz.requests}, default 1,000 requests per operation): no answer is a 5xx, none shows a stack
 * trace, SQL or a Java class name, and a refused request writes no row (a trigger on every table counts the rows
 * written). A failure names the request, which the same seed makes again. Subclasses run it on H2 and PostgreSQL.
 */
@SpringBootTest(properties = {"spring.datasource.hikari.maximum-pool-size=3", "nexus.rate-limit.enabled=false"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OpenApiFuzzContract {
  private static final long SEED = 20_261_129L;
  private static final int REQUESTS = Integer.getInteger("nexus.fuzz.requests", 1000);
  private static final int SHOWN_FAILURES = 15;
  /** The one documented 5xx a well-formed request may get here: an AI model, with no AI provider configured. */
  private static final String AI_UNCONFIGURED = "AI provider not configured";

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;
  @Autowired
  JdbcTemplate jdbc;

  private Api api;
  private JsonNode document;
  private WriteCounter counter;
  private final Map<String, List<Object>> hints = new LinkedHashMap<>();
  private int fixtures;

  abstract boolean postgres();

  @BeforeAll
  void prepare() {
    api = new Api(mvc, json);
    document = api.get("/v3/api-docs", 200);
    counter = WriteCounter.install(jdbc, postgres(), List.of("audit_log"));
    List<Object> models = new ArrayList<>();
    List<Object> modelTypes = new ArrayList<>();
    List<Object> modelNames = new ArrayList<>();
    api.get("/models", 200).forEach(m -> {
      models.add(m.get("id").asLong());
      modelTypes.add(m.get("model_type").asString());
      modelNames.add(m.get("name").asString());
    });
    List<Object> channels = new ArrayList<>();
    List<Object> channelNames = new ArrayList<>();
    List<Object> channelTypes = new ArrayList<>();
    api.get("/channels", 200).forEach(c -> {
      channels.add(c.get("id").asLong());
      channelNames.add(c.get("name").asString());
      channelTypes.add(c.get("channel_type").asString());
    });
    List<Object> journeys = journeys();
    long job = api.post("/calculate/bulk", "{\"model_ids\":[" + models.get(0) + "],\"start_date\":\"2025-01-01\","
        + "\"end_date\":\"2025-01-31\"}", 202).get("job_id").asLong();
    hints.put("path:journeys", journeys);
    hints.put("path:channels", channels);
    hints.put("path:models", models);
    hints.put("path:jobs", List.of(job));
    hints.put("journey_id", journeys);
    hints.put("channel_id", channels);
    hints.put("model_id", models);
    hints.put("attribution_model_id", models);
    hints.put("model_type", modelTypes);
    hints.put("models", modelNames);
    hints.put("channel", channelNames);
    hints.put("channels", channelNames);
    hints.put("channel_type", channelTypes);
    hints.put("touchpoint_type", List.of("click", "impression", "view", "email_open"));
    hints.put("conversion_type", List.of("purchase", "signup"));
    hints.put("transform", List.of("unique", "exposure", "first"));
    hints.put("user_id", List.of("fuzz-0", "fuzz-1", "someone"));
  }

  @TestFactory
  Stream<DynamicTest> everyOperationOfTheOpenApiDocument() {
    List<Operation> operations = Operation.all(document);
    assertThat(operations).hasSizeGreaterThan(20);
    return operations.stream().map(op -> DynamicTest.dynamicTest(op.toString(), () -> fuzz(op,
        SEED + operations.indexOf(op))));
  }

  /** Three converting journeys of two touches each: fresh ones for each operation, so that none grows too long. */
  private List<Object> journeys() {
    List<Object> journeys = new ArrayList<>();
    // Fresh channels too: the operation before may have deactivated or deleted any other.
    long first = api.channel("fuzz-first-" + (++fixtures), "0.50");
    long second = api.channel("fuzz-second-" + fixtures, "0.25");
    for (int i = 0; i < 3; i++) {
      long journey = api.journey("fuzz-" + i, "2025-01-1" + i + "T10:00:00Z");
      api.touch(journey, first, "click", "2025-01-1" + i + "T10:05:00Z", "1.25");
      api.touch(journey, second, "impression", "2025-01-1" + i + "T10:06:00Z", "0.5");
      api.purchase(journey, "2025-01-1" + i + "T11:00:00Z", "100.00");
      journeys.add(journey);
    }
    return journeys;
  }

  private void fuzz(Operation operation, long seed) throws Exception {
    List<Object> journeys = journeys();
    hints.put("path:journeys", journeys);
    hints.put("journey_id", journeys);
    RequestGenerator generator = new RequestGenerator(document, hints, seed);
    List<String> failures = new ArrayList<>();
    int failed = 0;
    int refused = 0;
    long writes = counter.writes();
    for (int i = 0; i < REQUESTS; i++) {
      FuzzRequest request = generator.next(operation);
      MockHttpServletResponse response = mvc.perform(build(request)).andReturn().getResponse();
      int status = response.getStatus();
      String body = response.getContentAsString(StandardCharsets.UTF_8);
      List<String> problems = new ArrayList<>();
      if (status >= 500 && !(status == 503 && body.contains(AI_UNCONFIGURED))) {
        problems.add("answered " + status);
      }
      String sent = URLDecoder.decode(request.uri().replace("+", "%2B"), StandardCharsets.UTF_8) + " "
          + (request.body() == null ? "" : new String(request.body(), StandardCharsets.UTF_8));
      Leaks.find(body, sent).ifPresent(leak -> problems.add("leaked «" + leak + "»"));
      if (status == 202 && response.getHeader("Location") != null) {
        awaitJob(response.getHeader("Location"));
      }
      long now = counter.writes();
      if (status >= 400 && now != writes) {
        // A background write (a job's last update, housekeeping) may have landed meanwhile: the same request, sent
        // again, tells whether it was this one.
        Thread.sleep(100);
        long before = counter.writes();
        int again = mvc.perform(build(request)).andReturn().getResponse().getStatus();
        now = counter.writes();
        if (again >= 400 && now != before) {
          problems.add("refused with " + status + " yet wrote " + (now - before) + " rows (twice)");
        }
      }
      writes = now;
      if (status >= 400) {
        refused++;
      }
      if (!problems.isEmpty()) {
        failed++;
        if (failures.size() < SHOWN_FAILURES) {
          failures.add("#" + i + " " + request.describe() + "\n    -> " + status + " " + String.join("; ", problems)
              + "\n    body: " + (body.length() > 400 ? body.substring(0, 400) : body));
        }
      }
    }
    assertThat(failures).as("%s: %d of %d requests failed (seed %d, %d refused)\n%s", operation, failed, REQUESTS,
        seed, refused, String.join("\n", failures)).isEmpty();
  }

  private MockHttpServletRequestBuilder build(FuzzRequest request) {
    MockHttpServletRequestBuilder builder = MockMvcRequestBuilders.request(HttpMethod.valueOf(request.method()),
        URI.create(request.uri().replace(" ", "%20")));
    if (request.contentType() != null) {
      builder.header("Content-Type", request.contentType());
    }
    if (request.accept() != null) {
      builder.header("Accept", request.accept());
    }
    request.headers().forEach(builder::header);
    if (request.body() != null) {
      builder.content(request.body());
    }
    return builder;
  }

  /** A job a fuzzed request started writes in the background: wait until it is done before counting again. */
  private void awaitJob(String location) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      JsonNode job = api.get(location).body();
      String status = job == null || job.get("status") == null ? "" : job.get("status").asString();
      if (!status.equals("queued") && !status.equals("running")) {
        return;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("job " + location + " did not finish in 5 s");
  }
}
