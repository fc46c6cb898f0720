package io.nexus.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.persistence.TenantId;
import io.nexus.server.security.Scope;
import io.nexus.server.security.internal.ApiKeys;
import io.nexus.server.security.internal.TenantRepository;
import io.nexus.server.support.Databases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Size limits per tenant: the tenant {@code small} has its own, stricter body size, batch size, JSON depth and string
 * length; {@code big} a longer string length than the service's; the default tenant keeps the service's limits.
 */
@SpringBootTest(properties = {"nexus.security.auth=required", "nexus.security.pepper=test-pepper",
    "nexus.limits.tenants.small.body-size=2KB", "nexus.limits.tenants.small.batch-size=2",
    "nexus.limits.tenants.small.json-depth=4", "nexus.limits.tenants.small.string-length=50",
    "nexus.limits.tenants.big.string-length=20000", "nexus.rate-limit.enabled=false"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantLimitsTest {
  private static final String JOURNEYS = "/api/v1/attribution/journeys";

  @Autowired
  MockMvc mvc;
  @Autowired
  ApiKeys keys;
  @Autowired
  TenantRepository tenants;

  private String small;
  private String standard;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }

  @BeforeAll
  void keys() {
    tenants.create(new TenantId("small"));
    tenants.create(new TenantId("big"));
    small = keys.create(new TenantId("small"), Set.of(Scope.INGEST), "small", null, Instant.now()).key();
    standard = keys.create(TenantId.DEFAULT, Set.of(Scope.INGEST), "default", null, Instant.now()).key();
  }

  private MockHttpServletResponse post(String key, String path, String body) throws Exception {
    return mvc.perform(MockMvcRequestBuilders.post(path)
        .header("X-API-Key", key).contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
  }

  private static String journey(String user) {
    return "{\"user_id\":\"" + user + "\",\"start_time\":\"2025-03-01T10:00:00Z\"}";
  }

  private static String batch(int size, String user) {
    List<String> journeys = new ArrayList<>(Collections.nCopies(size, journey(user)));
    return "{\"journeys\":[" + String.join(",", journeys) + "]}";
  }

  @Test
  void aBatchOverTheTenantsBatchSizeIsRefusedNamingItsSetting() throws Exception {
    MockHttpServletResponse refused = post(small, JOURNEYS + "/batch", batch(3, "u"));
    assertThat(refused.getStatus()).isEqualTo(400);
    assertThat(refused.getContentAsString()).contains("\"field\":\"journeys\"",
        "must hold at most 2 records (nexus.limits.tenants.small.batch-size), got 3");
    assertThat(post(standard, JOURNEYS + "/batch", batch(3, "u")).getStatus()).isEqualTo(201);
  }

  @Test
  void aBodyOverTheTenantsBodySizeIsAnswered413() throws Exception {
    String body = batch(2, "u".repeat(1200));
    MockHttpServletResponse refused = post(small, JOURNEYS + "/batch", body);
    assertThat(refused.getStatus()).isEqualTo(413);
    assertThat(refused.getContentAsString()).contains("nexus.limits.tenants.small.body-size");
    assertThat(post(standard, JOURNEYS + "/batch", batch(2, "u".repeat(190))).getStatus()).isEqualTo(201);
  }

  @Test
  void aStringOverTheTenantsStringLengthIsAnswered413() throws Exception {
    MockHttpServletResponse refused = post(small, JOURNEYS, journey("u".repeat(60)));
    assertThat(refused.getStatus()).isEqualTo(413);
    assertThat(refused.getContentAsString()).contains("longer than the limit of 50 characters "
        + "(nexus.limits.tenants.small.string-length)");
    assertThat(post(standard, JOURNEYS, journey("u".repeat(60))).getStatus()).isEqualTo(201);
  }

  @Test
  void jsonDeeperThanTheTenantsDepthIsRefused() throws Exception {
    String deep = "{\"user_id\":\"u\",\"start_time\":\"2025-03-01T10:00:00Z\",\"x\":[[[[[1]]]]]}";
    MockHttpServletResponse refused = post(small, JOURNEYS, deep);
    assertThat(refused.getStatus()).isEqualTo(400);
    assertThat(refused.getContentAsString()).contains("nested deeper than the limit of 4 levels "
        + "(nexus.limits.tenants.small.json-depth)");
    assertThat(post(standard, JOURNEYS, deep).getContentAsString()).doesNotContain("nested deeper");
  }

  @Test
  void anotherTenantsHigherLimitDoesNotRaiseTheServicesOwn() throws Exception {
    MockHttpServletResponse refused = post(standard, JOURNEYS, journey("u".repeat(15_000)));
    assertThat(refused.getStatus()).isEqualTo(413);
    assertThat(refused.getContentAsString()).contains("longer than the limit of 10000 characters "
        + "(nexus.limits.string-length)");
  }
}
