package io.nexus.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.nexus.server.persistence.TenantId;
import io.nexus.server.security.internal.ApiKeyRepository;
import io.nexus.server.security.internal.ApiKeys;
import io.nexus.server.support.Databases;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.awaitility.Awaitility;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With NEXUS_AUTH=required every API call needs a valid key with the scope it uses; health and docs stay open. */
@SpringBootTest(properties = {"nexus.security.auth=required", "nexus.security.pepper=test-pepper"})
@AutoConfigureMockMvc
class AuthenticationTest {
  private static final String JOURNEY = "{\"user_id\":\"u1\",\"start_time\":\"2025-03-01T10:00:00Z\"}";

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;
  @Autowired
  ApiKeys keys;
  @Autowired
  ApiKeyRepository repository;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }

  private String key(Scope... scopes) {
    return keys.create(TenantId.DEFAULT, Set.of(scopes), "test", null, Instant.now()).key();
  }

  private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  private static MockHttpServletRequestBuilder newJourney() {
    return post("/api/v1/attribution/journeys").contentType(MediaType.APPLICATION_JSON).content(JOURNEY);
  }

  private JsonNode body(MockHttpServletResponse response) throws Exception {
    return json.readTree(response.getContentAsString());
  }

  @Test
  void aCallWithoutAKeyIsAnswered401WithAProblem() throws Exception {
    MockHttpServletResponse answer = send(get("/api/v1/attribution/channels"));
    assertThat(answer.getStatus()).isEqualTo(401);
    assertThat(answer.getContentType()).isEqualTo("application/problem+json");
    assertThat(answer.getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertThat(body(answer).get("detail").asString()).contains("Authorization: Bearer");
  }

  @Test
  void aMalformedOrUnknownKeyIsAnswered401() throws Exception {
    assertThat(send(get("/api/v1/attribution/channels").header("Authorization", "Bearer nope")).getStatus())
        .isEqualTo(401);
    String wrong = key(Scope.READ).substring(0, 12) + "0".repeat(43);
    assertThat(send(get("/api/v1/attribution/channels").header("Authorization", "Bearer " + wrong)).getStatus())
        .isEqualTo(401);
  }

  @Test
  void aKeyWithTheScopeIsLetThroughInEitherHeader() throws Exception {
    String ingest = key(Scope.INGEST);
    assertThat(send(newJourney().header("Authorization", "Bearer " + ingest)).getStatus()).isEqualTo(201);
    assertThat(send(newJourney().header("X-API-Key", ingest)).getStatus()).isEqualTo(201);
  }

  @Test
  void aKeyWithoutTheScopeIsAnswered403NamingIt() throws Exception {
    MockHttpServletResponse answer = send(newJourney().header("Authorization", "Bearer " + key(Scope.READ)));
    assertThat(answer.getStatus()).isEqualTo(403);
    assertThat(body(answer).get("detail").asString()).contains("'ingest' scope");
    assertThat(body(answer).get("errors").toString()).contains("scope");
  }

  @Test
  void aRevokedKeyIsRefusedAtOnce() throws Exception {
    String read = key(Scope.READ);
    assertThat(send(get("/api/v1/attribution/channels").header("X-API-Key", read)).getStatus()).isEqualTo(200);
    String admin = key(Scope.ADMIN);
    assertThat(send(delete("/api/v1/admin/keys/" + read.substring(0, 11)).header("X-API-Key", admin)).getStatus())
        .isEqualTo(204);
    MockHttpServletResponse answer = send(get("/api/v1/attribution/channels").header("X-API-Key", read));
    assertThat(answer.getStatus()).isEqualTo(401);
    assertThat(body(answer).get("detail").asString()).contains("revoked");
  }

  @Test
  void aKeyRevokedByAnotherInstanceIsRefusedWithinAFractionOfASecond() throws Exception {
    String read = key(Scope.READ);
    assertThat(send(get("/api/v1/attribution/channels").header("X-API-Key", read)).getStatus()).isEqualTo(200);
    // Another instance revokes it in the shared database: this one learns it from the revision it polls.
    repository.revoke(new KeyPrefix(read.substring(0, 11)), Optional.empty(), Instant.now());
    Awaitility.await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(send(get("/api/v1/attribution/channels").header("X-API-Key", read)).getStatus()).isEqualTo(401));
  }

  @Test
  void anExpiredKeyIsAnswered401() throws Exception {
    String expired = keys.create(TenantId.DEFAULT, EnumSet.of(Scope.READ), "old", Instant.now().minusSeconds(1),
        Instant.now().minusSeconds(60)).key();
    MockHttpServletResponse answer = send(get("/api/v1/attribution/channels").header("X-API-Key", expired));
    assertThat(answer.getStatus()).isEqualTo(401);
    assertThat(body(answer).get("detail").asString()).contains("expired");
  }

  @Test
  void healthAndTheApiDocumentNeedNoKey() throws Exception {
    assertThat(send(get("/health")).getStatus()).isEqualTo(200);
    assertThat(send(get("/v3/api-docs")).getStatus()).isEqualTo(200);
  }

  @Test
  void anAdminKeyCreatesKeysShownOnceAndListedWithoutThem() throws Exception {
    String admin = key(Scope.ADMIN);
    MockHttpServletResponse created = send(post("/api/v1/admin/keys").header("X-API-Key", admin)
        .contentType(MediaType.APPLICATION_JSON)
        .content("{\"scopes\":[\"read\"],\"name\":\"ETL\",\"expires_in\":\"90d\"}"));
    assertThat(created.getStatus()).isEqualTo(201);
    String newKey = body(created).get("key").asString();
    assertThat(newKey).startsWith("nx_").hasSize(3 + 8 + 1 + 43);
    assertThat(send(get("/api/v1/attribution/channels").header("X-API-Key", newKey)).getStatus()).isEqualTo(200);
    String list = send(get("/api/v1/admin/keys").header("X-API-Key", admin)).getContentAsString();
    assertThat(list).contains(newKey.substring(0, 11)).contains("ETL").doesNotContain(newKey);
  }

  @Test
  void aKeyCreationWithAnUnknownScopeIsAnswered400() throws Exception {
    MockHttpServletResponse answer = send(post("/api/v1/admin/keys").header("X-API-Key", key(Scope.ADMIN))
        .contentType(MediaType.APPLICATION_JSON).content("{\"scopes\":[\"root\"]}"));
    assertThat(answer.getStatus()).isEqualTo(400);
    assertThat(body(answer).get("detail").asString()).contains("scopes");
  }
}
