package io.nexus.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real NEXUS service, the jar the reactor built before this module ({@code server/target/nexus-server.jar}), in a
 * JVM of its own on a free port and a fresh PostgreSQL database of this machine ({@code PGHOST}, {@code PGPORT},
 * {@code PGUSER} to change), both gone when it stops. The Spark module cannot depend on the service at compile time:
 * Spring Boot's dependencies clash with Spark's.
 */
final class ServiceProcess {
  private final Process process;
  private final String baseUrl;
  private final String database;
  private final Path log;

  private ServiceProcess(Process process, String baseUrl, String database, Path log) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.database = database;
    this.log = log;
  }

  /** The service's jar in the reactor, or a failure saying how to build it. */
  static Path jar() {
    Path jar = Path.of(System.getProperty("nexus.root", "..")).resolve("server/target/nexus-server.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("this test runs the real service from " + jar.toAbsolutePath() + ", which "
          + "`mvn verify` builds before the spark module; build it first: mvn -pl server -am package -DskipTests");
    }
    return jar;
  }

  /** Starts the service on a new database and waits until it answers. */
  static ServiceProcess start(Path dir) throws IOException, InterruptedException {
    Path jar = jar();
    String database = "nexus_spark_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + database);
    int port = freePort();
    Path log = Files.createTempFile(dir, "service-", ".log");
    Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
        "--server.port=" + port, "--server.address=127.0.0.1",
        "--spring.datasource.url=" + server() + database, "--spring.datasource.username=" + user(),
        "--spring.datasource.password=", "--spring.datasource.hikari.maximum-pool-size=4"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ServiceProcess service = new ServiceProcess(process, "http://127.0.0.1:" + port, database, log);
    try {
      service.awaitUp();
    } catch (IOException | InterruptedException | RuntimeException e) {
      service.stop();
      throw e;
    }
    return service;
  }

  /** The service's root URL, {@code http://127.0.0.1:PORT}. */
  String baseUrl() {
    return baseUrl;
  }

  /** A connection to the service's database, for reading what it stored. */
  Connection database() throws SQLException {
    return DriverManager.getConnection(server() + database, user(), "");
  }

  /** Stops the service and drops its database. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  private void awaitUp() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + tail());
      }
      try {
        HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/attribution/health"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the service did not come up within 180 s:\n" + tail());
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static String server() {
    return "jdbc:postgresql://" + System.getenv().getOrDefault("PGHOST", "127.0.0.1") + ":"
        + System.getenv().getOrDefault("PGPORT", "5432") + "/";
  }

  private static String user() {
    return System.getenv().getOrDefault("PGUSER", "postgres");
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(server() + "postgres", user(), "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL on " + server() + " is needed for this test (bin/test starts it): "
          + e.getMessage(), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
