package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.Databases;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The README's API examples ({@code examples/api-quickstart.sh}) run unchanged against a real HTTP server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserExamplesTest {
  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    String url = Databases.freshH2();
    registry.add("spring.datasource.url", () -> url);
  }

  @Test
  void swaggerUiIsServed() throws Exception {
    var http = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
    var page = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + port + "/swagger-ui.html")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).containsIgnoringCase("swagger");
  }

  @Test
  void theQuickstartRunsAsDocumented() throws Exception {
    File script = new File(System.getProperty("user.dir")).toPath().resolve("../examples/api-quickstart.sh")
        .normalize().toFile();
    ProcessBuilder process = new ProcessBuilder("bash", script.getPath()).redirectErrorStream(true);
    process.environment().put("NEXUS_URL", "http://localhost:" + port);
    Process run = process.start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).as(output).isZero();
    assertThat(output).contains("journey 1", "Paid Search 99.99 6566.0", "bulk: 3 succeeded, 12 failed",
        "Paid Search 6566.0\n", "Paid Social None", "Email None");
  }
}
