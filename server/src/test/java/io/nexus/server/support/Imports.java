package io.nexus.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Integration import jobs as tests watch them: waited for until they end, and the journeys they stored. */
public final class Imports {
  private Imports() {}

  /** The job an import or upload answered 202 with, once it is no longer running (at most 60 s). */
  public static JsonNode finished(Api api, Api.Answer accepted) {
    assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      JsonNode job = api.get("/integrations/jobs/" + accepted.id(), 200);
      if (!job.get("status").asString().equals("running")) {
        return job;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("job " + accepted.id() + " still running after 60 s");
  }

  /**
   * Uploads platform spend through {@code POST /integrations/spend/upload}, each of {@code rows} being
   * {@code channel,date,currency,spend} of its own campaign of {@code account}; the finished job, which succeeded.
   */
  public static JsonNode spend(Api api, String account, String... rows) {
    StringBuilder file = new StringBuilder("platform,account_id,campaign_id,channel,date,currency,spend\n");
    for (int i = 0; i < rows.length; i++) {
      file.append("tiktok_ads,").append(account).append(",c-").append(i).append(',').append(rows[i]).append('\n');
    }
    JsonNode job = finished(api, api.upload("/integrations/spend/upload", "text/csv",
        file.toString().getBytes(StandardCharsets.UTF_8)));
    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    return job;
  }

  /** How many journeys the user has. */
  public static long journeysOf(Api api, String userId) {
    return api.get("/journeys?user_id=" + userId, 200).get("total_items").asLong();
  }

  /** The channel ids of the user's one journey, in order, and its value, such as {@code "1 3 = 50"}. */
  public static String journeyOf(Api api, String userId) {
    JsonNode page = api.get("/journeys?user_id=" + userId, 200);
    assertThat(page.get("total_items").asLong()).as(userId).isEqualTo(1);
    JsonNode detail = api.get("/journeys/" + page.get("items").get(0).get("id").asLong(), 200);
    StringBuilder path = new StringBuilder();
    for (JsonNode t : detail.get("touchpoints")) {
      path.append(t.get("channel_id").asLong()).append(' ');
    }
    return path + "= " + detail.get("conversion_value").decimalValue().stripTrailingZeros().toPlainString();
  }
}
