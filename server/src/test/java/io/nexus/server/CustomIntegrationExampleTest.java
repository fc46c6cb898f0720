package io.nexus.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.nexus.server.support.Api;
import io.nexus.server.support.Imports;
import io.nexus.server.support.Databases;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code examples/custom-integration} as a user deploys it: its sources compiled against the service's classes into a
 * jar of their own, the jar on a class path only this test's service sees (never the test class path), found by
 * {@code ServiceLoader} through its {@code META-INF/services} file, and imports through it from a WireMock stub of
 * the shop's orders API answering in the shape the example's README documents.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CustomIntegrationExampleTest {
  static final Path EXAMPLE = Path.of("..", "examples", "custom-integration").toAbsolutePath().normalize();
  static final WireMockServer SHOP = new WireMockServer(options().dynamicPort());
  static final String TOKEN = "shop-token-0123456789-secret";

  @TempDir static Path build;
  static ClassLoader before;
  static URLClassLoader plugin;

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  Api api;

  /** Builds the example's jar and makes it the class path the service's {@code ServiceLoader} reads. */
  @BeforeAll
  static void buildTheExampleAndPutItOnTheServicesClassPath() throws IOException {
    Path jar = buildExampleJar(build);
    before = Thread.currentThread().getContextClassLoader();
    plugin = new URLClassLoader(new URL[] {jar.toUri().toURL()}, before);
    // The service is started after this, in this thread: its registry loads providers from the context class loader,
    // as a Boot jar started with loader.path does (PropertiesLauncher makes the jars there its class loader).
    Thread.currentThread().setContextClassLoader(plugin);
    SHOP.start();
    System.setProperty("SHOP_API_URL", SHOP.baseUrl() + "/api/2025-01");
    System.setProperty("SHOP_API_TOKEN", TOKEN);
  }

  @AfterAll
  static void restore() throws IOException {
    Thread.currentThread().setContextClassLoader(before);
    plugin.close();
    SHOP.stop();
    System.clearProperty("SHOP_API_URL");
    System.clearProperty("SHOP_API_TOKEN");
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }

  @BeforeEach
  void client() {
    api = new Api(mvc, json);
    Thread.currentThread().setContextClassLoader(plugin);
  }

  @AfterEach
  void resetStub() {
    SHOP.resetAll();
    System.setProperty("SHOP_API_TOKEN", TOKEN);
  }

  /** The example compiled against the service's classes (as its pom's provided dependencies are) and jarred. */
  static Path buildExampleJar(Path dir) throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> sources;
    try (Stream<Path> files = Files.walk(EXAMPLE.resolve("src/main/java"))) {
      sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
    }
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-cp", classPath, "-d",
        classes.toString()));
    args.addAll(sources);
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac of the example").isZero();
    Path jar = dir.resolve("nexus-shop-integration.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Path root : List.of(classes, EXAMPLE.resolve("src/main/resources"))) {
        try (Stream<Path> files = Files.walk(root)) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            out.putNextEntry(new JarEntry(root.relativize(file).toString().replace(File.separatorChar, '/')));
            Files.copy(file, (OutputStream) out);
            out.closeEntry();
          }
        }
      }
    }
    return jar;
  }

  private static String order(String id, String customer, String createdAt, String total, String status,
      String landing) {
    return "{\"id\":\"" + id + "\",\"customer_id\":\"" + customer + "\",\"created_at\":\"" + createdAt
        + "\",\"currency\":\"EUR\",\"total_price\":\"" + total + "\",\"financial_status\":\"" + status + "\""
        + (landing == null ? "" : ",\"landing_site\":" + landing) + "}";
  }

  private static String landing(String at, String source, String medium, String campaign) {
    return "{\"visited_at\":\"" + at + "\",\"utm_source\":\"" + source + "\",\"utm_medium\":\"" + medium
        + "\",\"utm_campaign\":\"" + campaign + "\"}";
  }

  /** Two pages of April's orders: a paid one from an email, a paid one from paid search, a refunded one. */
  private void aprilOrders(String user) {
    SHOP.stubFor(get(urlPathEqualTo("/api/2025-01/orders")).withQueryParam("cursor", equalTo("page-2"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(okJson("{\"orders\":[" + order("1003", user + "-b", "2025-04-20T16:00:00Z", "35.00", "refunded",
            landing("2025-04-20T15:00:00Z", "facebook", "paid_social", "spring")) + "],\"next_cursor\":null}")));
    SHOP.stubFor(get(urlPathEqualTo("/api/2025-01/orders")).withQueryParam("created_from", equalTo("2025-04-01"))
        .withQueryParam("created_to", equalTo("2025-04-30")).withQueryParam("cursor", com.github.tomakehurst
            .wiremock.client.WireMock.absent())
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(okJson("{\"orders\":["
            + order("1001", user + "-a", "2025-04-02T09:30:00Z", "80.00", "paid",
                landing("2025-04-02T09:00:00Z", "newsletter", "email", "april")) + ","
            + order("1002", user + "-b", "2025-04-03T12:00:00Z", "120.50", "paid",
                landing("2025-04-03T11:40:00Z", "google", "cpc", "brand"))
            + "],\"next_cursor\":\"page-2\"}")));
  }

  private JsonNode finished(Api.Answer accepted) {
    return Imports.finished(api, accepted);
  }

  private JsonNode listed(String platform) {
    for (JsonNode p : api.get("/integrations", 200)) {
      if (p.get("platform").asString().equals(platform)) {
        return p;
      }
    }
    return null;
  }

  @Test
  void theExampleIsNotOnTheTestClassPathOnlyInItsOwnJar() throws Exception {
    assertThat(getClass().getClassLoader().getResource("com/example/shop/ShopOrdersIntegration.class")).isNull();
    assertThat(plugin.loadClass("com.example.shop.ShopOrdersIntegration").getClassLoader()).isSameAs(plugin);
  }

  @Test
  void theShopIsListedAsConfiguredByItsSettings() {
    JsonNode shop = listed("shop_orders");

    assertThat(shop).as("shop_orders in GET /integrations").isNotNull();
    assertThat(shop.get("configured").asBoolean()).isTrue();
    assertThat(shop.get("missing_settings")).isEmpty();
  }

  @Test
  void ordersBecomeJourneysAndImportingTheRangeAgainAddsNothing() {
    String user = "shop-" + System.nanoTime();
    aprilOrders(user);
    String range = "{\"start_date\":\"2025-04-01\",\"end_date\":\"2025-04-30\"}";

    JsonNode first = finished(api.post("/integrations/shop_orders/import", range));
    JsonNode second = finished(api.post("/integrations/shop_orders/import", range));

    assertThat(first.get("status").asString()).as("%s", first).isEqualTo("succeeded");
    // Three landing visits, two paid orders (the refunded one converts nothing): two converting journeys and the
    // refunded customer's visit, which stays a journey of its own without conversion.
    assertThat(first.get("touchpoints").asLong()).isEqualTo(3);
    assertThat(first.get("conversions").asLong()).isEqualTo(2);
    assertThat(first.get("journeys").asLong()).isEqualTo(3);
    assertThat(second.get("status").asString()).isEqualTo("succeeded");
    assertThat(second.get("journeys").asLong()).isZero();
    assertThat(second.get("duplicate_events").asLong()).isEqualTo(5);
    assertThat(api.get("/journeys?user_id=" + user + "-a", 200).get("total_items").asLong()).isEqualTo(1);
    SHOP.verify(getRequestedFor(urlPathEqualTo("/api/2025-01/orders"))
        .withQueryParam("cursor", equalTo("page-2")));
  }

  @Test
  void aBusyShopIsAskedAgainAfterItsRetryAfter() {
    String user = "busy-" + System.nanoTime();
    SHOP.stubFor(get(urlPathEqualTo("/api/2025-01/orders")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("calm"));
    SHOP.stubFor(get(urlPathEqualTo("/api/2025-01/orders")).inScenario("busy").whenScenarioStateIs("calm")
        .willReturn(okJson("{\"orders\":[" + order("2001", user, "2025-06-02T10:00:00Z", "15.00", "paid",
            landing("2025-06-02T09:50:00Z", "google", "organic", ""))
            + "]}")));

    JsonNode job = finished(api.post("/integrations/shop_orders/import",
        "{\"start_date\":\"2025-06-01\",\"end_date\":\"2025-06-30\",\"user_id\":\"" + user + "\"}"));

    assertThat(job.get("status").asString()).as("%s", job).isEqualTo("succeeded");
    assertThat(job.get("conversions").asLong()).isEqualTo(1);
    SHOP.verify(getRequestedFor(urlPathEqualTo("/api/2025-01/orders")).withQueryParam("customer_id", equalTo(user)));
  }

  @Test
  void aRefusedTokenFailsTheJobWithTheShopsWordsAndNoSecret() {
    SHOP.stubFor(get(urlPathEqualTo("/api/2025-01/orders")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Invalid API key or access token\"}")));

    JsonNode job = finished(api.post("/integrations/shop_orders/import",
        "{\"start_date\":\"2025-05-01\",\"end_date\":\"2025-05-31\"}"));

    assertThat(job.get("status").asString()).isEqualTo("failed");
    assertThat(job.get("error").asString()).contains("refused the API token in SHOP_API_TOKEN")
        .contains("Invalid API key or access token").doesNotContain(TOKEN);
  }

  @Test
  void withoutItsTokenTheShopIsListedAsMissingItAndAnImportIsRefused() {
    System.clearProperty("SHOP_API_TOKEN");

    JsonNode shop = listed("shop_orders");
    Api.Answer refused = api.post("/integrations/shop_orders/import",
        "{\"start_date\":\"2025-05-01\",\"end_date\":\"2025-05-31\"}");

    assertThat(shop.get("configured").asBoolean()).isFalse();
    assertThat(shop.get("missing_settings").get(0).asString()).isEqualTo("SHOP_API_TOKEN");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().toString()).contains("SHOP_API_TOKEN");
  }
}
