package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;

import io.nexus.server.support.Databases;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** CORS is off unless origins are configured, and then open to those origins alone. */
class CorsTest {
  private static final String CHANNELS = "/api/v1/attribution/channels";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }

  private static MockHttpServletRequestBuilder preflight(String origin) {
    return options(CHANNELS).header("Origin", origin).header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type");
  }

  @Nested
  @SpringBootTest
  @AutoConfigureMockMvc
  class ByDefault {
    @Autowired
    MockMvc mvc;

    @Test
    void noOriginIsAllowedToReadAnswers() throws Exception {
      MockHttpServletResponse response = mvc.perform(get(CHANNELS).header("Origin", "https://app.example.com"))
          .andReturn().getResponse();
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aPreflightIsNotGranted() throws Exception {
      MockHttpServletResponse response = mvc.perform(preflight("https://app.example.com")).andReturn().getResponse();
      assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
      assertThat(response.getHeader("Access-Control-Allow-Methods")).isNull();
    }
  }

  @Nested
  @SpringBootTest
  @AutoConfigureMockMvc
  @TestPropertySource(properties = "nexus.cors.allowed-origins=https://app.example.com, https://admin.example.com")
  class WithConfiguredOrigins {
    @Autowired
    MockMvc mvc;

    @Test
    void aListedOriginGetsItsPreflightGranted() throws Exception {
      MockHttpServletResponse response = mvc.perform(preflight("https://admin.example.com")).andReturn()
          .getResponse();
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://admin.example.com");
      assertThat(response.getHeader("Access-Control-Allow-Methods")).contains("POST");
      assertThat(response.getHeader("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void aListedOriginMayReadAnswersAndTheirRateLimitHeaders() throws Exception {
      MockHttpServletResponse response = mvc.perform(get(CHANNELS).header("Origin", "https://app.example.com"))
          .andReturn().getResponse();
      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
      assertThat(response.getHeader("Access-Control-Expose-Headers")).contains("Retry-After", "RateLimit");
    }

    @Test
    void anyOtherOriginIsRefusedWithAProblem() throws Exception {
      MockHttpServletResponse response = mvc.perform(preflight("https://evil.example.net")).andReturn()
          .getResponse();
      assertThat(response.getStatus()).isEqualTo(403);
      assertThat(response.getContentType()).isEqualTo("application/problem+json");
      assertThat(response.getContentAsString()).contains("https://evil.example.net", "nexus.cors.allowed-origins");
      assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
    }
  }
}
