package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.Databases;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The README's API examples ({@code examples/api-quickstart.sh}) run unchanged against a real HTTP server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserExamplesTest {
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void swaggerUiIsServed() throws Exception {
    HttpResponse<String> page = get("/swagger-ui.html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).containsIgnoringCase("swagger");
  }

  @Test
  void healthAnswersAtTheRootWhereTheDesignDocumentSaysSo() throws Exception {
    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    assertThat(health.body()).contains("\"status\":\"UP\"", "\"components\"", "\"database\"", "\"cache\"");
  }

  @Test
  void theQuickstartRunsAsDocumentedOnTheIdsTheServiceHandsOut() throws Exception {
    // A journey made before the script runs, as after `bin/nexus serve --demo`: the script must not write into it.
    long demo = id(post("/api/v1/attribution/journeys",
        "{\"user_id\": \"demo-user\", \"start_time\": \"2025-01-10T08:00:00Z\"}"));
    String firstRun = quickstart();
    String secondRun = quickstart();

    for (String output : List.of(firstRun, secondRun)) {
      assertThat(output).containsPattern("^journey \\d+\n").contains("Paid Search 99.99 6566.0",
          "bulk: 3 succeeded, 3 failed", "has no conversion", "Paid Social None", "Email None");
      assertThat(journeyOf(output)).isGreaterThan(demo);
    }
    assertThat(journeyOf(secondRun)).isGreaterThan(journeyOf(firstRun));
    assertThat(get("/api/v1/attribution/journeys/" + demo).body()).contains("\"total_touchpoints\":0",
        "\"has_conversion\":false");
  }

  private static long journeyOf(String output) {
    return Long.parseLong(output.lines().findFirst().orElseThrow().substring("journey ".length()));
  }

  private static long id(String body) {
    Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(body);
    assertThat(id.find()).as(body).isTrue();
    return Long.parseLong(id.group(1));
  }

  private String post(String path, String json) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return answer.body();
  }

  private String quickstart() throws Exception {
    File script = new File(System.getProperty("user.dir")).toPath().resolve("../examples/api-quickstart.sh")
        .normalize().toFile();
    ProcessBuilder process = new ProcessBuilder("bash", script.getPath()).redirectErrorStream(true);
    process.environment().put("NEXUS_URL", "http://localhost:" + port);
    Process run = process.start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).as(output).isZero();
    return output;
  }
}
