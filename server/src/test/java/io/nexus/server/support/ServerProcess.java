package io.nexus.server.support;

import io.nexus.server.NexusApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real service in a JVM of its own, on a free port and an H2 file database in a given directory, so that a test
 * can kill it as an operator's {@code kill -9} would and start it again on the same files.
 */
public final class ServerProcess {
  private final Process process;
  private final String baseUrl;
  private final Path log;

  private ServerProcess(Process process, String baseUrl, Path log) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.log = log;
  }

  /** Starts the service on the H2 database in {@code dataDir} with extra Spring arguments, and waits until it is up. */
  public static ServerProcess start(Path dataDir, String... arguments) throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), NexusApplication.class.getName(),
        "--server.port=" + port,
        // The URL users would write, without WRITE_DELAY: the service must make H2 durable by itself.
        "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("nexus").toAbsolutePath()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"));
    command.addAll(List.of(arguments));
    Path log = Files.createTempFile(dataDir, "server-", ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ServerProcess server = new ServerProcess(process, "http://127.0.0.1:" + port, log);
    server.awaitUp();
    return server;
  }

  /** The service's root URL, {@code http://127.0.0.1:PORT}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** Kills the service at once with SIGKILL: no shutdown hook, no flush, as {@code kill -9} does. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Stops the service the polite way (SIGTERM) and waits for it. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
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
    kill();
    throw new IllegalStateException("the service did not come up within 180 s:\n" + tail());
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
