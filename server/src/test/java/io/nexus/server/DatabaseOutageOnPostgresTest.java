package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.DefaultTenant;
import io.nexus.server.support.Databases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL failing under the service: connections terminated mid-request and a database that refuses connections
 * answer 503 with Retry-After, never 500; retries with an Idempotency-Key store each request once; and the service
 * serves again by itself once the database is back. Only this test's own database is touched.
 */
@ExtendWith(DefaultTenant.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageOnPostgresTest {
  private static String url;
  private static final int CLIENTS = 3;
  private static final int REQUESTS_PER_CLIENT = 12;

  @LocalServerPort
  int port;
  @Autowired
  JsonMapper json;
  @Autowired
  JdbcTemplate jdbc;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    url = Databases.useFreshPostgres(registry);
  }

  private static String databaseName() {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  /** Runs SQL as the administrator, from the maintenance database, never on this test's pool. */
  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres",
        Databases.postgresUser(), ""); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void terminateConnections() throws SQLException {
    admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + databaseName()
        + "' AND pid <> pg_backend_pid()");
  }

  private HttpResponse<String> post(String path, String body, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/attribution"
        + path)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends the request until it is answered 2xx, as a client following Retry-After would; keeps every failure. */
  private HttpResponse<String> untilStored(String path, String body, Queue<HttpResponse<String>> failures)
      throws Exception {
    String key = UUID.randomUUID().toString();
    for (int attempt = 0; attempt < 100; attempt++) {
      HttpResponse<String> answer = post(path, body, key);
      if (answer.statusCode() / 100 == 2) {
        return answer;
      }
      failures.add(answer);
      Thread.sleep(50);
    }
    throw new AssertionError("not stored after 100 attempts: " + path);
  }

  @Test
  void terminatedConnectionsAnswer503WithRetryAfterAndKeyedRetriesStoreEachRequestOnce() throws Exception {
    String prefix = "outage-" + UUID.randomUUID();
    Queue<HttpResponse<String>> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 1);
    Future<?> killer = threads.submit(() -> {
      while (writing.get()) {
        terminateConnections();
        Thread.sleep(50);
      }
      return null;
    });
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      String user = prefix + "-" + c;
      clients.add(threads.submit(() -> {
        for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
          JsonNode created = json.readTree(untilStored("/journeys/batch", "[{\"user_id\":\"" + user + "\","
              + "\"start_time\":\"2042-01-01T00:00:00Z\"},{\"user_id\":\"" + user + "\","
              + "\"start_time\":\"2042-01-01T00:00:00Z\"}]", failures).body());
          long journey = created.get("journeys").get(0).get("id").asLong();
          untilStored("/touchpoints/batch", "[{\"journey_id\":" + journey + ",\"channel_id\":1,"
              + "\"timestamp\":\"2042-01-01T01:00:00Z\"},{\"journey_id\":" + journey + ",\"channel_id\":2,"
              + "\"timestamp\":\"2042-01-01T02:00:00Z\"}]", failures);
        }
        return null;
      }));
    }
    for (Future<?> client : clients) {
      client.get(5, TimeUnit.MINUTES);
    }
    writing.set(false);
    killer.get(1, TimeUnit.MINUTES);
    threads.shutdown();
    // Past Hikari's half second without checks: connections the last kills hit are found dead and replaced.
    Thread.sleep(1_000);

    assertThat(failures).as("requests that met a terminated connection").isNotEmpty();
    for (HttpResponse<String> failure : failures) {
      assertThat(failure.statusCode()).as(failure.body()).isEqualTo(503);
      assertThat(failure.headers().firstValue("Retry-After")).as(failure.body()).isPresent();
      assertThat(json.readTree(failure.body()).get("title").asString()).isEqualTo("Database unavailable");
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journeys WHERE user_id LIKE ?", Long.class, prefix + "%"))
        .isEqualTo(2L * CLIENTS * REQUESTS_PER_CLIENT);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM touchpoints t JOIN journeys j ON j.id = t.journey_id "
        + "WHERE j.user_id LIKE ?", Long.class, prefix + "%")).isEqualTo(2L * CLIENTS * REQUESTS_PER_CLIENT);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journeys WHERE user_id LIKE ? AND total_touchpoints "
        + "NOT IN (0, 2)", Long.class, prefix + "%")).isZero();

    for (int i = 0; i < 5; i++) {
      assertThat(post("/journeys", "{\"user_id\":\"" + prefix + "-after\",\"start_time\":\"2042-01-01T00:00:00Z\"}",
          null).statusCode()).isEqualTo(201);
    }
  }

  @Test
  void aDatabaseThatIsDownAnswers503AndTheServiceServesAgainWhenItIsBack() throws Exception {
    String journey = "{\"user_id\":\"down-" + UUID.randomUUID() + "\",\"start_time\":\"2042-01-01T00:00:00Z\"}";
    try {
      admin("ALTER DATABASE " + databaseName() + " ALLOW_CONNECTIONS false");
      terminateConnections();
      HttpResponse<String> down = post("/journeys", journey, null);
      assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
      assertThat(down.headers().firstValue("Retry-After")).isPresent();
      assertThat(json.readTree(down.body()).get("detail").asString()).contains("database is unavailable");
      HttpResponse<String> keyed = post("/journeys", journey, UUID.randomUUID().toString());
      assertThat(keyed.statusCode()).as(keyed.body()).isEqualTo(503);
      assertThat(keyed.headers().firstValue("Retry-After")).isPresent();
    } finally {
      admin("ALTER DATABASE " + databaseName() + " ALLOW_CONNECTIONS true");
    }
    assertThat(post("/journeys", journey, null).statusCode()).isEqualTo(201);
  }
}
