package io.nexus.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nexus.engine.Attribution;
import io.nexus.engine.ChannelCredit;
import io.nexus.engine.Conversion;
import io.nexus.engine.FittedModel;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyCredits;
import io.nexus.engine.Touchpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * The service output: converting journeys with their credits, posted to the NEXUS service's import endpoint
 * ({@code POST /api/v1/attribution/imports/results}) in batches, so that the service stores them as its own results
 * without the job knowing its schema. Immutable and serializable: the driver prepares it, each executor sends its
 * partition.
 *
 * <p>Each journey goes with its key ({@code user#n}) under the run's source ({@code nexus-spark:RUN}); the service
 * stores a key of a source once, so a batch sent again (a retried request, a retried task, a run started again with
 * the same {@code --service-run-id}) stores nothing twice. Money is sent at the service's scale: costs and revenue
 * rounded half-even to 4 decimal places, engagement scores to 5, times to the microsecond; credits are computed on
 * the journey as sent, so that they add up to its stored value exactly.
 */
final class ServiceImport implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String PATH = "/api/v1/attribution/imports/results";
  /** The most journeys the service takes in one request. */
  static final int MAX_BATCH = 10_000;
  private static final int ATTEMPTS = 6;
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  // Jackson is Spark's own (provided), as every Spark distribution ships it.
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper READER = new ObjectMapper();

  private final String url;
  private final String apiKey;
  private final String source;
  private final int batchSize;

  private ServiceImport(String url, String apiKey, String source, int batchSize) {
    this.url = url.replaceAll("/+$", "");
    this.apiKey = apiKey;
    this.source = source;
    this.batchSize = batchSize;
  }

  /**
   * Checks that {@code url} is an http(s) address of a service.
   *
   * @throws JobException naming the option when it is not
   */
  static void checkUrl(String url) {
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new JobException("--service-url " + url + ": expected http://host:port or https://host");
      }
    } catch (URISyntaxException e) {
      throw new JobException("--service-url " + url + ": not a URL: " + e.getMessage(), e);
    }
  }

  /**
   * Prepares the import on the driver before any output: the service answers, accepts the key, and has (or adds) a
   * model for each of {@code models}.
   *
   * @param apiKey the API key, or {@code null}
   * @param runId names the import; the same id imports only what an earlier run with it did not
   * @throws JobException when the service cannot be reached or refuses
   */
  static ServiceImport prepare(String url, String apiKey, String runId, int batchSize, List<String> models) {
    ServiceImport service = new ServiceImport(url, apiKey, "nexus-spark:" + runId, batchSize);
    try {
      service.post(service.declaration("models", models), "preparing the import");
    } catch (ImportFailure e) {
      throw new JobException("--service-url " + url + ": " + e.getMessage(), e);
    }
    return service;
  }

  /** The run's source, which names its journey keys in the service. */
  String source() {
    return source;
  }

  /** Finds or adds the channels on the driver, so that executors do not race to add the same ones. */
  void declareChannels(Collection<String> channels) {
    post(declaration("channels", channels), "adding the channels");
  }

  /** What a partition's requests stored. */
  record Counts(long journeysImported, long journeysAlreadyImported, long results) implements Serializable {
    Counts plus(Counts other) {
      return new Counts(journeysImported + other.journeysImported,
          journeysAlreadyImported + other.journeysAlreadyImported, results + other.results);
    }
  }

  /**
   * Sends the converting journeys of {@code chunks} with their credits under every fit, in batches.
   *
   * @param labels the model specs as the service is to match them, in the order of {@code fits}
   */
  Counts send(Iterator<JourneyChunk> chunks, List<FittedModel> fits, List<String> labels) {
    Counts counts = new Counts(0, 0, 0);
    List<Journey> pending = new ArrayList<>(batchSize);
    while (chunks.hasNext()) {
      for (Journey journey : chunks.next().journeys) {
        if (journey.creditable()) {
          pending.add(storable(journey));
          if (pending.size() == batchSize) {
            counts = counts.plus(sendBatch(pending, fits, labels));
            pending.clear();
          }
        }
      }
    }
    return pending.isEmpty() ? counts : counts.plus(sendBatch(pending, fits, labels));
  }

  private Counts sendBatch(List<Journey> journeys, List<FittedModel> fits, List<String> labels) {
    List<List<JourneyCredits>> credits = new ArrayList<>(fits.size());
    for (FittedModel fit : fits) {
      credits.add(Attribution.creditAll(fit, journeys));
    }
    JsonNode answer = post(batch(journeys, credits, labels), "importing " + journeys.size() + " journeys");
    return new Counts(answer.path("journeys_imported").asLong(), answer.path("journeys_already_imported").asLong(),
        answer.path("results_stored").asLong());
  }

  /** The journey as the service stores it: money at its scale, times to the microsecond. */
  static Journey storable(Journey journey) {
    List<Touchpoint> touches = new ArrayList<>(journey.touchpoints().size());
    for (Touchpoint t : journey.touchpoints()) {
      touches.add(new Touchpoint(t.channel(), micros(t.timestamp()), t.type(), money(t.cost()),
          t.engagementScore() == null ? null
              : BigDecimal.valueOf(t.engagementScore()).setScale(5, RoundingMode.HALF_EVEN).doubleValue(),
          t.timeSpentSeconds(), t.pagesViewed(), t.campaign()));
    }
    List<Conversion> conversions = new ArrayList<>(journey.conversions().size());
    for (Conversion c : journey.conversions()) {
      conversions.add(new Conversion(micros(c.timestamp()), c.type(), money(c.revenue())));
    }
    return new Journey(journey.id(), journey.userId(), touches, conversions);
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount.scale() <= 4 ? amount : amount.setScale(4, RoundingMode.HALF_EVEN);
  }

  private static Instant micros(Instant time) {
    return time.truncatedTo(ChronoUnit.MICROS);
  }

  private byte[] declaration(String field, Collection<String> names) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (JsonGenerator json = JSON.createGenerator(bytes)) {
        json.writeStartObject();
        json.writeStringField("source", source);
        json.writeArrayFieldStart("journeys");
        json.writeEndArray();
        json.writeArrayFieldStart(field);
        for (String name : names) {
          json.writeString(name);
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] batch(List<Journey> journeys, List<List<JourneyCredits>> credits, List<String> labels) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024 * journeys.size());
      try (JsonGenerator json = JSON.createGenerator(bytes)) {
        json.writeStartObject();
        json.writeStringField("source", source);
        json.writeArrayFieldStart("journeys");
        for (int j = 0; j < journeys.size(); j++) {
          Journey journey = journeys.get(j);
          json.writeStartObject();
          json.writeStringField("key", journey.id().toString());
          json.writeStringField("user_id", journey.userId());
          json.writeStringField("session_id", journey.id().toString());
          json.writeArrayFieldStart("touchpoints");
          for (Touchpoint t : journey.touchpoints()) {
            json.writeStartObject();
            json.writeStringField("channel", t.channel().name());
            json.writeStringField("touchpoint_type", t.type());
            json.writeStringField("timestamp", t.timestamp().toString());
            json.writeNumberField("cost", t.cost());
            if (t.engagementScore() != null) {
              json.writeNumberField("engagement_score", BigDecimal.valueOf(t.engagementScore()));
            }
            json.writeNumberField("time_spent_seconds", (int) Math.min(Integer.MAX_VALUE, t.timeSpentSeconds()));
            json.writeNumberField("pages_viewed", t.pagesViewed());
            if (t.campaign() != null) {
              json.writeStringField("campaign_name", t.campaign());
            }
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("conversions");
          for (Conversion c : journey.conversions()) {
            json.writeStartObject();
            json.writeStringField("conversion_type", c.type());
            json.writeStringField("timestamp", c.timestamp().toString());
            json.writeNumberField("revenue", c.revenue());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("results");
          for (int m = 0; m < labels.size(); m++) {
            for (ChannelCredit credit : credits.get(m).get(j).credits()) {
              json.writeStartObject();
              json.writeStringField("model", labels.get(m));
              json.writeStringField("channel", credit.channel().name());
              json.writeNumberField("credit", credit.credit());
              json.writeNumberField("attributed_conversions", credit.conversions());
              json.writeNumberField("attributed_revenue", credit.value());
              json.writeEndObject();
            }
          }
          json.writeEndArray();
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Posts {@code body} and answers the service's JSON. Connection failures, 409 (a concurrent import of the same
   * names), 429 and 502–504 are tried again after a pause that doubles (or the service's Retry-After), six times in
   * all; any other error fails at once with the service's own words.
   */
  private JsonNode post(byte[] body, String what) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + PATH)).timeout(TIMEOUT)
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (apiKey != null && !apiKey.isBlank()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    long pause = 1_000;
    for (int attempt = 1; ; attempt++) {
      String failure;
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 200) {
          return READER.readTree(response.body());
        }
        failure = "the service answered " + status + " " + detail(response.body());
        if (status != 409 && status != 429 && (status < 502 || status > 504)) {
          throw new ImportFailure(what + ": " + failure + (status == 413 ? "; lower --service-batch-size" : ""));
        }
        pause = Math.max(pause, response.headers().firstValueAsLong("Retry-After").orElse(0) * 1_000);
      } catch (IOException e) {
        failure = "cannot reach the service: " + e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ImportFailure(what + ": interrupted");
      }
      if (attempt == ATTEMPTS) {
        throw new ImportFailure(what + ": " + failure + " (tried " + ATTEMPTS + " times)");
      }
      sleep(Math.min(pause, 30_000));
      pause *= 2;
    }
  }

  /** The problem's detail and its first fields at fault, or the body as it came. */
  private static String detail(String body) {
    try {
      JsonNode problem = READER.readTree(body);
      if (!problem.hasNonNull("detail")) {
        return body;
      }
      StringBuilder detail = new StringBuilder(problem.get("detail").asText());
      int shown = 0;
      for (JsonNode error : problem.path("errors")) {
        if (shown++ == 3) {
          detail.append("; ...");
          break;
        }
        detail.append(shown == 1 ? ": " : "; ").append(error.path("field").asText()).append(": ")
            .append(error.path("reason").asText());
      }
      return detail.toString();
    } catch (IOException | RuntimeException notJson) {
      return body.length() > 500 ? body.substring(0, 500) + "..." : body;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImportFailure("interrupted");
    }
  }

  /** The service refused a request or stayed out of reach; nothing of that batch was stored. */
  static final class ImportFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ImportFailure(String message) {
      super(message);
    }
  }
}
