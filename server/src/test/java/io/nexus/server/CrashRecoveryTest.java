package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.ServerProcess;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded default keeps what it acknowledged: the real service on an H2 file, ingesting from several clients,
 * killed with SIGKILL mid-ingest and started again on the same files, still holds every journey, touchpoint and
 * conversion it answered 2xx for, with aggregates that match, and marks the bulk jobs the kill interrupted failed.
 */
class CrashRecoveryTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int CLIENTS = 3;
  private static final int ENOUGH_JOURNEYS = 60;

  private static Path data;
  private static ServerProcess restarted;
  private static final Map<Long, String> ackedJourneys = new ConcurrentHashMap<>();
  private static final Map<Long, Long> ackedTouchpoints = new ConcurrentHashMap<>();
  private static final Map<Long, BigDecimal> ackedConversions = new ConcurrentHashMap<>();
  private static final Map<Long, JsonNode> stored = new ConcurrentHashMap<>();
  private static long firstJob;
  private static long lastJob;

  @BeforeAll
  static void ingestKillAndRestart() throws Exception {
    data = Files.createTempDirectory("nexus-crash-");
    ServerProcess first = ServerProcess.start(data, "--nexus.demo=true", "--nexus.demo-journeys=20000");
    Client client = new Client(first.baseUrl());
    client.awaitJourneys(20_000);
    String range = "{\"model_ids\":[1,2,3,4,5,7,8],\"start_date\":\"" + LocalDate.now(ZoneOffset.UTC).minusDays(100)
        + "\",\"end_date\":\"" + LocalDate.now(ZoneOffset.UTC) + "\"}";
    // Jobs run one at a time: the first runs while ingest goes on, the last is still queued at the kill.
    firstJob = client.post("/calculate/bulk", range).body().get("job_id").asLong();
    client.post("/calculate/bulk", range);
    lastJob = client.post("/calculate/bulk", range).body().get("job_id").asLong();
    client.awaitStatus(firstJob, "running");

    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> loops = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int clientNumber = c;
      loops.add(clients.submit(() -> ingestUntilTheServiceDies(new Client(first.baseUrl()), clientNumber)));
    }
    long started = System.nanoTime();
    while (ackedJourneys.size() < ENOUGH_JOURNEYS || System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3)) {
      Thread.sleep(100);
    }
    assertThat(client.get("/jobs/" + lastJob).get("status").asString()).as("precondition").isEqualTo("queued");
    first.kill();
    for (Future<?> loop : loops) {
      loop.get(60, TimeUnit.SECONDS);
    }
    clients.shutdown();

    restarted = ServerProcess.start(data);
    Client after = new Client(restarted.baseUrl());
    for (long id : ackedJourneys.keySet()) {
      JsonNode journey = after.get("/journeys/" + id);
      if (journey != null) {
        stored.put(id, journey);
      }
    }
  }

  @AfterAll
  static void stopAndDelete() throws Exception {
    if (restarted != null) {
      restarted.stop();
    }
    try (var files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Writes journeys with their touchpoints and conversions, single and batched, until the service is gone. */
  private static void ingestUntilTheServiceDies(Client client, int clientNumber) {
    try {
      for (int round = 0; ; round++) {
        String user = "crash-" + clientNumber + "-" + round;
        List<Long> journeys = new ArrayList<>();
        if (round % 3 == 0) {
          Answer batch = client.post("/journeys/batch", "[" + journey(user + "a") + "," + journey(user + "b") + ","
              + journey(user + "c") + "]");
          if (batch.status() == 201) {
            batch.body().get("journeys").forEach(j -> {
              ackedJourneys.put(j.get("id").asLong(), j.get("user_id").asString());
              journeys.add(j.get("id").asLong());
            });
          }
        } else {
          Answer single = client.post("/journeys", journey(user));
          if (single.status() == 201) {
            ackedJourneys.put(single.body().get("id").asLong(), user);
            journeys.add(single.body().get("id").asLong());
          }
        }
        for (long journey : journeys) {
          StringBuilder touches = new StringBuilder("[");
          for (int i = 0; i < 5; i++) {
            touches.append(i == 0 ? "" : ",").append("{\"journey_id\":").append(journey).append(",\"channel_id\":")
                .append(1 + i % 4).append(",\"timestamp\":\"2031-05-01T10:0").append(i).append(":00Z\",\"cost\":0.5}");
          }
          Answer batch = client.post("/touchpoints/batch", touches.append("]").toString());
          if (batch.status() == 201) {
            batch.body().get("items").forEach(t -> ackedTouchpoints.put(t.get("id").asLong(), journey));
          }
          Answer single = client.post("/touchpoints", "{\"journey_id\":" + journey + ",\"channel_id\":5,"
              + "\"timestamp\":\"2031-05-01T11:00:00Z\"}");
          if (single.status() == 201) {
            ackedTouchpoints.put(single.body().get("id").asLong(), journey);
          }
          BigDecimal revenue = new BigDecimal((10 + round % 7) + ".25");
          String conversion = "{\"journey_id\":" + journey + ",\"timestamp\":\"2031-05-01T12:00:00Z\",\"revenue\":"
              + revenue + "}";
          Answer converted = round % 2 == 0 ? client.post("/conversions", conversion)
              : client.post("/conversions/batch", "[" + conversion + "]");
          if (converted.status() == 201) {
            long id = round % 2 == 0 ? converted.body().get("id").asLong()
                : converted.body().get("items").get(0).get("id").asLong();
            ackedConversions.put(id, revenue);
          }
        }
      }
    } catch (IOException | InterruptedException gone) {
      // The kill: requests in flight get no answer and are not counted as acknowledged.
    }
  }

  private static String journey(String user) {
    return "{\"user_id\":\"" + user + "\",\"start_time\":\"2031-05-01T09:00:00Z\"}";
  }

  @Test
  void everyAcknowledgedJourneyTouchpointAndConversionSurvivesTheKill() {
    assertThat(ackedJourneys).as("journeys acknowledged before the kill").hasSizeGreaterThanOrEqualTo(ENOUGH_JOURNEYS);
    Set<Long> touchpoints = new HashSet<>();
    Map<Long, BigDecimal> conversions = new HashMap<>();
    List<Long> missingJourneys = new ArrayList<>();
    ackedJourneys.forEach((id, user) -> {
      JsonNode journey = stored.get(id);
      if (journey == null || !user.equals(journey.get("user_id").asString())) {
        missingJourneys.add(id);
        return;
      }
      journey.get("touchpoints").forEach(t -> touchpoints.add(t.get("id").asLong()));
      journey.get("conversions").forEach(c -> conversions.put(c.get("id").asLong(), c.get("revenue").decimalValue()));
    });
    assertThat(missingJourneys).as("acknowledged journeys missing after the restart").isEmpty();
    assertThat(touchpoints).as("acknowledged touchpoints").containsAll(ackedTouchpoints.keySet());
    assertThat(conversions.keySet()).as("acknowledged conversions").containsAll(ackedConversions.keySet());
    ackedConversions.forEach((id, revenue) -> assertThat(conversions.get(id)).as("conversion %d's revenue", id)
        .isEqualByComparingTo(revenue));
  }

  @Test
  void journeyAggregatesMatchTheEventsStoredWithThem() {
    assertThat(stored).isNotEmpty();
    stored.forEach((id, journey) -> {
      BigDecimal revenue = BigDecimal.ZERO;
      for (JsonNode c : journey.get("conversions")) {
        revenue = revenue.add(c.get("revenue").decimalValue());
      }
      assertThat(journey.get("total_touchpoints").asInt()).as("journey %d touchpoints", id)
          .isEqualTo(journey.get("touchpoints").size());
      assertThat(journey.get("conversion_value").decimalValue()).as("journey %d value", id)
          .isEqualByComparingTo(revenue);
      assertThat(journey.get("has_conversion").asBoolean()).as("journey %d converted", id)
          .isEqualTo(!journey.get("conversions").isEmpty());
    });
  }

  @Test
  void bulkJobsTheKillInterruptedAreFailedOnRestartNotLeftRunning() throws Exception {
    Client after = new Client(restarted.baseUrl());
    for (long job = firstJob; job <= lastJob; job++) {
      JsonNode status = after.get("/jobs/" + job);
      assertThat(status.get("status").asString()).as("job %d", job).isIn("succeeded", "failed");
      assertThat(status.get("finished_at").isNull()).as("job %d finished", job).isFalse();
    }
    JsonNode queued = after.get("/jobs/" + lastJob);
    assertThat(queued.get("status").asString()).isEqualTo("failed");
    assertThat(queued.get("errors").get(0).get("title").asString()).isEqualTo("Interrupted");
  }

  /** A status and JSON body. */
  private record Answer(int status, JsonNode body) {}

  /** A plain HTTP client of the API; an IOException means the service is gone. */
  private static final class Client {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;

    Client(String base) {
      this.api = base + "/api/v1/attribution";
    }

    Answer post(String path, String body) throws IOException, InterruptedException {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(api + path))
          .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(answer.statusCode(), answer.body().isEmpty() ? null : JSON.readTree(answer.body()));
    }

    JsonNode get(String path) throws IOException, InterruptedException {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(api + path))
          .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
    }

    void awaitJourneys(long count) throws IOException, InterruptedException {
      for (int i = 0; i < 600 && get("/journeys?size=1").get("total_items").asLong() < count; i++) {
        Thread.sleep(100);
      }
    }

    void awaitStatus(long job, String status) throws IOException, InterruptedException {
      for (int i = 0; i < 600 && !status.equals(get("/jobs/" + job).get("status").asString()); i++) {
        Thread.sleep(50);
      }
    }
  }
}
