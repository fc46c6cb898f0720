package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.nexus.server.support.Databases;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every answer carries the security headers: API answers and refusals are never sniffed, cached or framed and may
 * load nothing; swagger-ui's pages may load only the service's own scripts, which is all they use.
 */
@SpringBootTest(properties = "nexus.limits.body-size=1KB")
@AutoConfigureMockMvc
class SecurityHeadersTest {
  private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

  @Autowired
  MockMvc mvc;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }

  private MockHttpServletResponse answer(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  private static void assertApiHeaders(MockHttpServletResponse response) {
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(response.getHeader("Content-Security-Policy")).startsWith(API_POLICY);
    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
  }

  @Test
  void aSuccessfulApiAnswerIsNotSniffedCachedOrFramed() throws Exception {
    MockHttpServletResponse response = answer(get("/api/v1/attribution/channels"));
    assertThat(response.getStatus()).isEqualTo(200);
    assertApiHeaders(response);
  }

  @Test
  void aRefusalCarriesTheSameHeaders() throws Exception {
    MockHttpServletResponse response = answer(post("/api/v1/attribution/journeys")
        .contentType(MediaType.APPLICATION_JSON).content("{\"user_id\":"));
    assertThat(response.getStatus()).isEqualTo(400);
    assertApiHeaders(response);
  }

  @Test
  void aBodyRefusedBeforeItIsReadCarriesTheSameHeaders() throws Exception {
    MockHttpServletResponse response = answer(post("/api/v1/attribution/journeys")
        .contentType(MediaType.APPLICATION_JSON).content("{\"user_id\":\"" + "x".repeat(2000) + "\"}"));
    assertThat(response.getStatus()).isEqualTo(413);
    assertApiHeaders(response);
  }

  @Test
  void anUnknownPathCarriesTheSameHeaders() throws Exception {
    MockHttpServletResponse response = answer(get("/api/v1/attribution/no-such-thing"));
    assertThat(response.getStatus()).isEqualTo(404);
    assertApiHeaders(response);
  }

  @Test
  void healthAndTheOpenApiDocumentAreNotCached() throws Exception {
    assertApiHeaders(answer(get("/health")));
    assertApiHeaders(answer(get("/v3/api-docs")));
  }

  @Test
  void swaggerUiGetsAPolicyThatAllowsOnlyItsOwnScripts() throws Exception {
    MockHttpServletResponse response = answer(get("/swagger-ui/index.html"));
    assertThat(response.getStatus()).isEqualTo(200);
    String policy = response.getHeader("Content-Security-Policy");
    assertThat(policy).contains("default-src 'none'", "script-src 'self';", "connect-src 'self'",
        "frame-ancestors 'none'");
    assertThat(policy).doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void swaggerUiHasNoInlineScriptThePolicyWouldBlock() throws Exception {
    String page = answer(get("/swagger-ui/index.html")).getContentAsString();
    Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(page);
    int count = 0;
    while (scripts.find()) {
      count++;
      assertThat(scripts.group(1)).as("every script of the page is a file of the service").contains("src=\"./");
    }
    assertThat(count).isPositive();
    assertThat(answer(get("/swagger-ui/swagger-initializer.js")).getStatus()).isEqualTo(200);
  }

  @Test
  void theDashboardGetsThePagePolicyAndHasNoInlineScriptOrStyle() throws Exception {
    MockHttpServletResponse response = answer(get("/index.html"));
    assertThat(response.getStatus()).isEqualTo(200);
    String policy = response.getHeader("Content-Security-Policy");
    assertThat(policy).contains("default-src 'none'", "script-src 'self';", "connect-src 'self'",
        "frame-ancestors 'none'").doesNotContain("unsafe-eval");
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    String page = response.getContentAsString();
    Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(page);
    while (scripts.find()) {
      assertThat(scripts.group(1)).as("every script of the page is a file of the service").contains("src=\"/");
    }
    assertThat(page).doesNotContain("<style").doesNotContain(" style=");
  }

  @Test
  void theDashboardsVersionedLibrariesMayBeKeptTheOthersNot() throws Exception {
    MockHttpServletResponse library = answer(get("/webjars/echarts/dist/echarts.esm.min.js"));
    assertThat(library.getStatus()).isEqualTo(200);
    assertThat(library.getHeader("Cache-Control")).isNotEqualTo("no-store");
    assertThat(library.getHeader("Content-Security-Policy")).contains("script-src 'self';");
    MockHttpServletResponse own = answer(get("/dashboard/app.js"));
    assertThat(own.getStatus()).isEqualTo(200);
    assertThat(own.getHeader("Cache-Control")).isEqualTo("no-store");
  }
}
