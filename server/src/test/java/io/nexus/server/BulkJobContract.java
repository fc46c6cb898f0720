package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.AsOwner;
import io.nexus.server.support.DefaultTenant;
import io.nexus.server.support.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk jobs always end, succeeded, partial or failed, whatever their errors and however many journeys they name, and
 * a job whose instance stopped is failed by another once its heartbeat is stale. Subclasses run it on H2 and on
 * PostgreSQL; heartbeats here are fast (every 0.5 s, stale after 2 s) so that the reaper can be watched.
 */
@ExtendWith(DefaultTenant.class)
@SpringBootTest(properties = {"nexus.jobs.heartbeat=PT0.5S", "nexus.jobs.stale-after=PT2S"})
@AutoConfigureMockMvc
abstract class BulkJobContract {
  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;
  @Autowired
  JdbcTemplate jdbc;

  Api api;

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
  }

  private long convertingJourney() {
    long j = api.journey("jobs-" + UUID.randomUUID(), "2044-03-01T10:00:00Z");
    api.touch(j, 1, "click", "2044-03-01T10:00:00Z", "1.50");
    api.touch(j, 3, "click", "2044-03-02T10:00:00Z", "0.25");
    api.purchase(j, "2044-03-03T10:00:00Z", "100.00");
    return j;
  }

  private List<Long> journeysWithoutConversion(int count) {
    String user = "jobs-" + UUID.randomUUID();
    String batch = LongStream.range(0, count).mapToObj(i -> "{\"user_id\":\"" + user + "\","
        + "\"start_time\":\"2044-01-01T00:00:00Z\"}").collect(Collectors.joining(",", "[", "]"));
    List<Long> ids = new ArrayList<>();
    api.post("/journeys/batch", batch, 201).get("journeys").forEach(j -> ids.add(j.get("id").asLong()));
    return ids;
  }

  private static String ids(List<Long> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private long submit(String request) {
    Api.Answer accepted = api.post("/calculate/bulk", request);
    assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
    return accepted.body().get("job_id").asLong();
  }

  private JsonNode awaitEnd(long job) throws InterruptedException {
    JsonNode status = null;
    for (int i = 0; i < 600; i++) {
      status = api.get("/jobs/" + job, 200);
      if (status.get("status").asString().matches("succeeded|partial|failed")) {
        return status;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + job + " did not end: " + status);
  }

  @Test
  void aJobWithMoreErrorsThanOneColumnHeldEndsPartialWithEveryErrorPaged() throws Exception {
    List<Long> journeys = journeysWithoutConversion(300);
    journeys.add(convertingJourney());
    journeys.add(convertingJourney());
    JsonNode job = awaitEnd(submit("{\"journey_ids\":[" + ids(journeys) + "],\"model_ids\":[1,3]}"));
    assertThat(job.get("status").asString()).isEqualTo("partial");
    assertThat(job.get("total_pairs").asLong()).isEqualTo(604);
    assertThat(job.get("failed_pairs").asLong()).isEqualTo(600);
    assertThat(job.get("error_count").asLong()).isEqualTo(600);
    assertThat(job.get("errors")).hasSize(100);
    assertThat(job.get("errors").get(0).get("detail").asString()).contains("has no conversion");
    JsonNode last = api.get(job.get("errors_url").asString().replace("page=0", "page=5")
        .replace("/api/v1/attribution", ""), 200);
    assertThat(last.get("items")).hasSize(100);
    assertThat(last.get("total_items").asLong()).isEqualTo(600);
    assertThat(last.get("total_pages").asLong()).isEqualTo(6);
    assertThat(api.get("/jobs/" + job.get("id").asLong() + "/errors?page=6", 200).get("items")).isEmpty();
  }

  @Test
  void aRequestNamingThousandsOfJourneysRunsAsAJob() throws Exception {
    List<Long> journeys = new ArrayList<>(List.of(convertingJourney(), convertingJourney()));
    LongStream.range(0, 1_998).forEach(i -> journeys.add(900_000_000L + i));
    JsonNode job = awaitEnd(submit("{\"journey_ids\":[" + ids(journeys) + "],\"model_ids\":[1]}"));
    assertThat(job.get("status").asString()).isEqualTo("partial");
    assertThat(job.get("total_pairs").asLong()).isEqualTo(2_000);
    assertThat(job.get("done_pairs").asLong()).isEqualTo(2_000);
    assertThat(job.get("failed_pairs").asLong()).isEqualTo(1_998);
    assertThat(job.get("request").get("journey_count").asLong()).isEqualTo(2_000);
    assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT journey_id) FROM attribution_results WHERE journey_id IN ("
        + journeys.get(0) + "," + journeys.get(1) + ") AND attribution_model_id = 1", Long.class)).isEqualTo(2);
  }

  @Test
  void aJobWhoseEveryPairFailsIsFailed() throws Exception {
    List<Long> missing = LongStream.range(0, 600).mapToObj(i -> 800_000_000L + i).toList();
    JsonNode job = awaitEnd(submit("{\"journey_ids\":[" + ids(missing) + "],\"model_ids\":[1]}"));
    assertThat(job.get("status").asString()).isEqualTo("failed");
    assertThat(job.get("failed_pairs").asLong()).isEqualTo(600);
    assertThat(job.get("errors").get(0).get("status").asInt()).isEqualTo(404);
  }

  @Test
  void aJobWhoseErrorsCannotBeStoredStillEndsFailedSayingWhy() throws Exception {
    List<Long> journeys = journeysWithoutConversion(600);
    // The errors table refuses this job's errors, as a full disk or a broken table would.
    AsOwner.execute(jdbc, "ALTER TABLE attribution_job_errors ADD CONSTRAINT ck_refuses_these "
        + "CHECK (journey_id NOT BETWEEN " + journeys.get(0) + " AND " + journeys.get(journeys.size() - 1) + ")");
    try {
      JsonNode job = awaitEnd(submit("{\"journey_ids\":[" + ids(journeys) + "],\"model_ids\":[1]}"));
      assertThat(job.get("status").asString()).isEqualTo("failed");
      assertThat(job.get("finished_at").isNull()).isFalse();
      assertThat(job.get("errors").get(0).get("detail").asString()).contains("could not be recorded");
    } finally {
      AsOwner.execute(jdbc, "ALTER TABLE attribution_job_errors DROP CONSTRAINT ck_refuses_these");
    }
  }

  @Test
  void moreJourneyIdsOrModelsThanTheLimitsAre422NamingTheField() {
    String tooMany = "1" + ",1".repeat(1_000_000);
    Api.Answer ids = api.post("/calculate/bulk", "{\"journey_ids\":[" + tooMany + "],\"model_ids\":[1]}");
    assertThat(ids.status()).isEqualTo(422);
    assertThat(ids.body().get("errors").get(0).get("field").asString()).isEqualTo("journey_ids");
    assertThat(ids.body().get("detail").asString()).contains("1000000");
    String models = LongStream.rangeClosed(1, 101).mapToObj(String::valueOf).collect(Collectors.joining(","));
    Api.Answer many = api.post("/calculate/bulk", "{\"journey_ids\":[1],\"model_ids\":[" + models + "]}");
    assertThat(many.status()).isEqualTo(422);
    assertThat(many.body().get("errors").get(0).get("field").asString()).isEqualTo("model_ids");
  }

  @Test
  void aJobWhoseInstanceStoppedIsFailedOnceItsHeartbeatIsStale() throws Exception {
    // A job another instance was running when it stopped: running, its heartbeat a minute old.
    jdbc.update("INSERT INTO attribution_jobs (status, request, total_pairs, started_at, heartbeat_at) VALUES "
        + "('running', '{\"journey_count\":5,\"model_ids\":[1]}', 5, CURRENT_TIMESTAMP - INTERVAL '1' MINUTE, "
        + "CURRENT_TIMESTAMP - INTERVAL '1' MINUTE)");
    long job = jdbc.queryForObject("SELECT MAX(id) FROM attribution_jobs", Long.class);
    JsonNode status = awaitEnd(job);
    assertThat(status.get("status").asString()).isEqualTo("failed");
    assertThat(status.get("finished_at").isNull()).isFalse();
    assertThat(status.get("errors").get(0).get("title").asString()).isEqualTo("Interrupted");
  }
}
