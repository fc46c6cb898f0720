package io.nexus.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark of the service on PostgreSQL: ingest through the batch endpoints, bulk calculation under the five
 * rule models and Markov, the latency of cached single calculations, and the same linear attribution done by the
 * database alone (one INSERT … SELECT with window functions) for comparison. Prints a Markdown table.
 *
 * <p>Run through {@code bench/service-benchmark.sh}, which starts the service on a fresh database:
 * {@code java -cp bench/target/benchmarks.jar io.nexus.bench.ServiceLoad BASE_URL JDBC_URL [JOURNEYS]}.
 */
public final class ServiceLoad {
  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
  private static final Pattern FIELD = Pattern.compile("\"(status|done_pairs|total_pairs|job_id)\":\"?([a-z0-9]+)");
  private static final int BATCH = Integer.parseInt(System.getenv().getOrDefault("NEXUS_LOAD_BATCH", "10000"));
  private static final int TOUCHES_PER_JOURNEY = 5;
  // Two clients on two cores: more only makes the service and PostgreSQL fight for the same cores.
  private static final int CLIENTS = Integer.parseInt(System.getenv().getOrDefault("NEXUS_LOAD_CLIENTS", "2"));

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String api;

  private ServiceLoad(String base) {
    this.api = base + "/api/v1/attribution";
  }

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String jdbc = args[1];
    int journeys = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    new ServiceLoad(base).run(jdbc, journeys);
  }

  private void run(String jdbc, int count) throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    List<String> rows = new ArrayList<>();

    // Warm-up, not timed: the same work on journeys of 2024 (outside every measured range), so that the figures are
    // those of a service that has run for a while rather than of its first seconds of JIT compilation.
    ingest(Math.max(1_000, count / 10), "2024", new SplittableRandom(3));
    job("{\"model_ids\":[1,2,3,4,5,7],\"start_date\":\"2024-01-01\",\"end_date\":\"2024-12-31\"}");

    Ingest timed = ingest(count, "2025", random);
    long[] ids = timed.ids();
    double ingestSeconds = timed.seconds();
    int touchpoints = count * TOUCHES_PER_JOURNEY;
    if (System.getenv("NEXUS_INGEST_ONLY") != null) {
      System.out.printf(Locale.ROOT, "ingest %.1f s: journeys %.1f s, touchpoints %.1f s, conversions %.1f s%n",
          ingestSeconds, timed.journeySeconds(), timed.touchSeconds(), timed.conversionSeconds());
      return;
    }
    rows.add(row("ingest " + count + " journeys, " + touchpoints + " touchpoints, " + count + " conversions "
        + "(batches of " + BATCH + ", " + CLIENTS + " clients)", ingestSeconds,
        String.format(Locale.ROOT, "%,.0f touchpoints/s overall; touchpoint batches alone %,.0f/s; journeys %,.0f/s",
            touchpoints / ingestSeconds, touchpoints / timed.touchSeconds(), count / timed.journeySeconds())));

    // Bulk: every journey under the five rule models and Markov, as a background job.
    long bulkStart = System.nanoTime();
    long pairs = job("{\"model_ids\":[1,2,3,4,5,7],\"start_date\":\"2025-01-01\",\"end_date\":\"2025-12-31\"}");
    double bulkSeconds = seconds(bulkStart, System.nanoTime());
    rows.add(row("bulk job: " + pairs + " journey × model pairs (models 1–5 and Markov), results stored",
        bulkSeconds, String.format(Locale.ROOT, "%,.0f pairs/s", pairs / bulkSeconds)));

    long linearStart = System.nanoTime();
    long linearPairs = job("{\"model_ids\":[3],\"start_date\":\"2025-01-01\",\"end_date\":\"2025-12-31\"}");
    double linearSeconds = seconds(linearStart, System.nanoTime());
    rows.add(row("bulk job: linear only, " + linearPairs + " pairs", linearSeconds,
        String.format(Locale.ROOT, "%,.0f pairs/s", linearPairs / linearSeconds)));

    // The database alone: linear attribution of the same journeys as one INSERT … SELECT.
    double sqlSeconds;
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("DELETE FROM attribution_results WHERE attribution_model_id = 3 AND journey_id IN ("
          + "SELECT id FROM journeys WHERE start_time >= '2025-01-01' AND start_time < '2026-01-01')");
      // Fresh statistics after the bulk loads, or the planner may pick a nested loop that runs for many minutes.
      s.execute("VACUUM ANALYZE attribution_results");
      s.execute("ANALYZE journeys");
      s.execute("ANALYZE touchpoints");
      s.execute("ANALYZE conversions");
      long sqlStart = System.nanoTime();
      // As the owner, current_tenant() is empty: each row takes its journey's tenant, as the service's rows do.
      s.executeUpdate("INSERT INTO attribution_results (tenant_id, journey_id, attribution_model_id, channel_id, "
          + "credit, attributed_revenue, attributed_conversions, channel_cost, roi, roas, calculated_at) "
          + "SELECT j.tenant_id, x.journey_id, 3, x.channel_id, x.credit, ROUND(j.conversion_value * x.credit, 4), "
          + "x.credit * c.n, x.cost, "
          + "CASE WHEN x.cost > 0 THEN ROUND((j.conversion_value * x.credit - x.cost) * 100 / x.cost, 4) END, "
          + "CASE WHEN x.cost > 0 THEN ROUND(j.conversion_value * x.credit / x.cost, 6) END, now() "
          + "FROM (SELECT journey_id, channel_id, SUM(1.0 / n) AS credit, SUM(cost) AS cost FROM ("
          + "  SELECT journey_id, channel_id, cost, COUNT(*) OVER (PARTITION BY journey_id) AS n FROM touchpoints) t "
          + "  GROUP BY journey_id, channel_id) x "
          + "JOIN journeys j ON j.id = x.journey_id "
          + "JOIN (SELECT journey_id, COUNT(*) AS n FROM conversions GROUP BY journey_id) c ON c.journey_id = x.journey_id "
          + "WHERE j.has_conversion AND j.start_time >= '2025-01-01' AND j.start_time < '2026-01-01'");
      sqlSeconds = seconds(sqlStart, System.nanoTime());
    }
    rows.add(row("PostgreSQL alone: linear as one INSERT … SELECT with window functions, " + count + " pairs",
        sqlSeconds, String.format(Locale.ROOT, "%,.0f pairs/s; the service's linear bulk is %.2f× that",
            count / sqlSeconds, (linearPairs / linearSeconds) / (count / sqlSeconds))));

    // Cached single calculations: warm 2,000 answers, then time 20,000 lookups one at a time.
    long[] sample = Arrays.copyOf(ids, Math.min(2_000, count));
    for (long id : sample) {
      post("/calculate/" + id + "/3", "");
    }
    long[] latencies = new long[20_000];
    for (int i = 0; i < latencies.length; i++) {
      long t0 = System.nanoTime();
      String answer = post("/calculate/" + sample[i % sample.length] + "/3", "");
      latencies[i] = System.nanoTime() - t0;
      if (!answer.contains("\"cached\":true")) {
        throw new IllegalStateException("expected a cached answer, got " + answer);
      }
    }
    Arrays.sort(latencies);
    rows.add(row("cached single calculation, 20,000 requests one at a time, as the client sees it", 0,
        String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms", latencies[10_000] / 1e6,
            latencies[(int) (latencies.length * 0.99)] / 1e6, latencies[latencies.length - 1] / 1e6)));
    String metrics = http.send(HttpRequest.newBuilder(URI.create(api.replace("/api/v1/attribution", "")
        + "/actuator/prometheus")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    rows.add(row("the same, as the service measures it (nexus_attribution_single_seconds, cached)", 0,
        String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms", quantile(metrics, "0.5"),
            quantile(metrics, "0.99"), quantile(metrics, "0.999"))));

    System.out.println("| phase | seconds | figures |");
    System.out.println("|---|---|---|");
    rows.forEach(System.out::println);
  }

  /** A quantile of cached single calculations from the service's Prometheus page, in milliseconds. */
  private static double quantile(String metrics, String q) {
    Matcher m = Pattern.compile("nexus_attribution_single_seconds\\{[^}]*cached=\"true\"[^}]*quantile=\"" + q
        + "\"[^}]*\\} ([0-9.eE+-]+)").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) * 1000 : Double.NaN;
  }

  /** What one ingest did: the journey ids in creation order and the time of each phase. */
  private record Ingest(long[] ids, double journeySeconds, double touchSeconds, double conversionSeconds) {
    double seconds() {
      return journeySeconds + touchSeconds + conversionSeconds;
    }
  }

  /** Journeys, then their touchpoints, then one purchase each, all through the batch endpoints. */
  private Ingest ingest(int count, String year, SplittableRandom random) throws Exception {
    long ingestStart = System.nanoTime();
    List<String> journeyBodies = new ArrayList<>();
    String[] starts = new String[count];
    for (int from = 0; from < count; from += BATCH) {
      StringBuilder body = new StringBuilder("{\"journeys\":[");
      for (int i = from; i < Math.min(count, from + BATCH); i++) {
        starts[i] = time(random, year);
        body.append(i == from ? "" : ",").append("{\"user_id\":\"load_").append(i).append("\",\"start_time\":\"")
            .append(starts[i]).append("\"}");
      }
      journeyBodies.add(body.append("]}").toString());
    }
    List<String> journeyAnswers = postAll("/journeys/batch", journeyBodies, 2);
    long[] ids = new long[count];
    int n = 0;
    for (String answer : journeyAnswers) {
      Matcher m = ID.matcher(answer);
      while (m.find()) {
        ids[n++] = Long.parseLong(m.group(1));
      }
    }
    if (n != count) {
      throw new IllegalStateException("expected " + count + " journey ids, got " + n);
    }
    long journeysDone = System.nanoTime();
    List<String> touchBodies = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    int inBody = 0;
    for (int j = 0; j < count; j++) {
      // Touches come after the journey's start, as they do in real data.
      String start = starts[j];
      for (int t = 0; t < TOUCHES_PER_JOURNEY; t++) {
        if (inBody == 0) {
          body.setLength(0);
          body.append("{\"touchpoints\":[");
        }
        long channel = 1 + Math.min(17, (long) (-Math.log(1 - random.nextDouble()) * 4));
        body.append(inBody == 0 ? "" : ",").append("{\"journey_id\":").append(ids[j]).append(",\"channel_id\":")
            .append(channel).append(",\"touchpoint_type\":\"click\",\"timestamp\":\"")
            .append(Instant.parse(start).plusSeconds(3_600L * t)).append("\",\"cost\":")
            .append(cents(random.nextInt(200))).append("}");
        if (++inBody == BATCH) {
          touchBodies.add(body.append("]}").toString());
          inBody = 0;
        }
      }
    }
    if (inBody > 0) {
      touchBodies.add(body.append("]}").toString());
    }
    long touchStart = System.nanoTime();
    postAll("/touchpoints/batch", touchBodies, CLIENTS);
    long touchDone = System.nanoTime();
    List<String> conversionBodies = new ArrayList<>();
    for (int from = 0; from < count; from += BATCH) {
      StringBuilder b = new StringBuilder("{\"conversions\":[");
      for (int i = from; i < Math.min(count, from + BATCH); i++) {
        b.append(i == from ? "" : ",").append("{\"journey_id\":").append(ids[i])
            .append(",\"timestamp\":\"" + year + "-06-30T00:00:00Z\",\"revenue\":")
            .append(cents(1_000 + random.nextInt(19_000))).append("}");
      }
      conversionBodies.add(b.append("]}").toString());
    }
    long conversionStart = System.nanoTime();
    postAll("/conversions/batch", conversionBodies, CLIENTS);
    long ingestDone = System.nanoTime();
    // The client's own work of writing request bodies between the phases is not the service's time.
    return new Ingest(ids, seconds(ingestStart, journeysDone), seconds(touchStart, touchDone),
        seconds(conversionStart, ingestDone));
  }

  private long job(String body) throws Exception {
    String accepted = post("/calculate/bulk", body);
    long id = Long.parseLong(field(accepted, "job_id"));
    while (true) {
      Thread.sleep(250);
      String status = get("/jobs/" + id);
      String state = field(status, "status");
      if (state.equals("succeeded")) {
        return Long.parseLong(field(status, "done_pairs"));
      }
      if (state.equals("failed")) {
        throw new IllegalStateException("bulk job failed: " + status);
      }
    }
  }

  private static String field(String json, String name) {
    Matcher m = FIELD.matcher(json);
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return m.group(2);
      }
    }
    throw new IllegalStateException("no " + name + " in " + json);
  }

  private List<String> postAll(String path, List<String> bodies, int clients) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (String body : bodies) {
        answers.add(pool.submit(() -> post(path, body)));
      }
      List<String> result = new ArrayList<>();
      for (Future<String> answer : answers) {
        result.add(answer.get());
      }
      return result;
    } finally {
      pool.shutdown();
    }
  }

  private String post(String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofMinutes(5))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300 && response.statusCode() != 202) {
      throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
          + response.body().substring(0, Math.min(500, response.body().length())));
    }
    return response.body();
  }

  private String get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api + path)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String cents(int cents) {
    return (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
  }

  private static String time(SplittableRandom random, String year) {
    return Instant.parse(year + "-01-01T00:00:00Z").plusSeconds(random.nextLong(150L * 86_400)).toString();
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1e9;
  }

  private static String row(String phase, double seconds, String figures) {
    return "| " + phase + " | " + (seconds == 0 ? "" : String.format(Locale.ROOT, "%.1f", seconds)) + " | "
        + figures + " |";
  }
}
