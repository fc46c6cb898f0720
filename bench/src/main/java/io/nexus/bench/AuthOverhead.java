package io.nexus.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;

/**
 * What authentication costs a cached single calculation, as a client sees it over HTTP on loopback: one journey with
 * two touches and a purchase, its linear answer computed once, then {@code count} {@code POST /calculate/{j}/3} one
 * after another, all answered from the cache, with the key given (or none). Prints p50, p99 and p99.9.
 * <pre>java -cp bench/target/benchmarks.jar io.nexus.bench.AuthOverhead BASE_URL [KEY|-] [COUNT]</pre>
 */
public final class AuthOverhead {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String api;
  private final String key;

  private AuthOverhead(String base, String key) {
    this.api = base + "/api/v1/attribution";
    this.key = key;
  }

  public static void main(String[] args) throws Exception {
    String key = args.length > 1 && !args[1].equals("-") ? args[1] : null;
    int count = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    new AuthOverhead(args[0], key).run(count);
  }

  private void run(int count) throws Exception {
    String journey = id(post("/journeys", "{\"user_id\":\"auth-bench\",\"start_time\":\"2025-05-01T10:00:00Z\"}"));
    post("/touchpoints", "{\"journey_id\":" + journey + ",\"channel_id\":1,\"touchpoint_type\":\"click\","
        + "\"timestamp\":\"2025-05-01T10:00:00Z\",\"cost\":1.5}");
    post("/touchpoints", "{\"journey_id\":" + journey + ",\"channel_id\":3,\"touchpoint_type\":\"click\","
        + "\"timestamp\":\"2025-05-02T10:00:00Z\",\"cost\":0.25}");
    post("/conversions", "{\"journey_id\":" + journey + ",\"timestamp\":\"2025-05-03T10:00:00Z\",\"revenue\":100}");
    String path = "/calculate/" + journey + "/3";
    for (int i = 0; i < 2_000; i++) {
      post(path, null); // warm-up, and the first answer fills the cache
    }
    long[] nanos = new long[count];
    for (int i = 0; i < count; i++) {
      long started = System.nanoTime();
      post(path, null);
      nanos[i] = System.nanoTime() - started;
    }
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT, "auth %s: %d cached single calculations, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms%n",
        key == null ? "off" : "required", count, ms(nanos, 0.5), ms(nanos, 0.99), ms(nanos, 0.999));
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }

  private static String id(String json) {
    int at = json.indexOf("\"id\":") + 5;
    int end = at;
    while (Character.isDigit(json.charAt(end))) {
      end++;
    }
    return json.substring(at, end);
  }

  private String post(String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() >= 300) {
      throw new IllegalStateException("POST " + path + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return answer.body();
  }
}
