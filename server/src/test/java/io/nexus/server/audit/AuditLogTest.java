package io.nexus.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.nexus.server.persistence.TenantId;
import io.nexus.server.security.AdminCommands;
import io.nexus.server.security.Scope;
import io.nexus.server.security.internal.ApiKeys;
import io.nexus.server.security.internal.TenantRepository;
import io.nexus.server.support.Databases;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Admin actions and deletes are audited with who, what, when and how they ended; admin keys read their tenant's. */
class AuditLogTest {
  private static final String AUDIT = "/api/v1/admin/audit";
  private static final String BASE = "/api/v1/attribution";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }

  abstract static class Client {
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
      return mvc.perform(request).andReturn().getResponse();
    }

    JsonNode body(MockHttpServletResponse response) throws Exception {
      return json.readTree(response.getContentAsString());
    }

    long journey(String key) throws Exception {
      MockHttpServletRequestBuilder request = post(BASE + "/journeys").contentType(MediaType.APPLICATION_JSON)
          .content("{\"user_id\":\"u\",\"start_time\":\"2025-03-01T10:00:00Z\"}");
      return body(send(key == null ? request : request.header("Authorization", "Bearer " + key))).get("id")
          .asLong();
    }

    /** The newest audit entry of the command line's {@code action} on {@code target}, or null. */
    JsonNode commandEntryFor(JsonNode page, String action, String target) {
      for (JsonNode e : page.get("entries")) {
        if (action.equals(e.get("action").stringValue(null)) && target.equals(e.get("target").stringValue(null))) {
          return e;
        }
      }
      return null;
    }

    /** The newest audit entry for {@code path}, or null. */
    JsonNode entryFor(JsonNode page, String method, String path) {
      for (JsonNode e : page.get("entries")) {
        if (method.equals(e.get("method").stringValue(null)) && path.equals(e.get("path").stringValue(null))) {
          return e;
        }
      }
      return null;
    }
  }

  @Nested
  @SpringBootTest
  @AutoConfigureMockMvc
  class WithAuthenticationOff extends Client {

    @Test
    void aDeleteIsRecordedAsTheDefaultTenantsLocalCaller() throws Exception {
      long id = journey(null);
      Instant before = Instant.now().minusSeconds(1);
      assertThat(send(delete(BASE + "/journeys/" + id)).getStatus()).isEqualTo(204);
      JsonNode entry = entryFor(body(send(get(AUDIT))), "DELETE", BASE + "/journeys/" + id);
      assertThat(entry).isNotNull();
      assertThat(entry.get("tenant").asString()).isEqualTo("default");
      assertThat(entry.get("key_prefix").asString()).isEqualTo("local");
      assertThat(entry.get("status").asInt()).isEqualTo(204);
      assertThat(entry.get("outcome").asString()).isEqualTo("succeeded");
      assertThat(Instant.parse(entry.get("occurred_at").asString())).isAfter(before).isBefore(Instant.now());
    }

    @Test
    void aRefusedAdminActionIsRecordedWithItsOutcome() throws Exception {
      assertThat(send(put(BASE + "/channels/987654").contentType(MediaType.APPLICATION_JSON)
          .content("{\"name\":\"x\",\"channel_type\":\"paid_other\"}")).getStatus()).isEqualTo(404);
      JsonNode entry = entryFor(body(send(get(AUDIT))), "PUT", BASE + "/channels/987654");
      assertThat(entry.get("status").asInt()).isEqualTo(404);
      assertThat(entry.get("outcome").asString()).isEqualTo("refused");
    }

    @Test
    void ingestAndReadsAreNotAudited() throws Exception {
      long id = journey(null);
      send(get(BASE + "/journeys/" + id));
      JsonNode page = body(send(get(AUDIT)));
      assertThat(entryFor(page, "POST", BASE + "/journeys")).isNull();
      assertThat(entryFor(page, "GET", BASE + "/journeys/" + id)).isNull();
    }

    @Test
    void theLogIsPagedNewestFirst() throws Exception {
      for (int i = 0; i < 3; i++) {
        send(delete(BASE + "/journeys/" + (900_000 + i)));
      }
      JsonNode page = body(send(get(AUDIT + "?size=2")));
      assertThat(page.get("entries")).hasSize(2);
      assertThat(page.get("entries").get(0).get("path").asString()).isEqualTo(BASE + "/journeys/900002");
      assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(3);
      assertThat(send(get(AUDIT + "?size=0")).getStatus()).isEqualTo(400);
    }
  }

  @Nested
  @SpringBootTest(properties = {"nexus.security.auth=required", "nexus.security.pepper=test-pepper"})
  @AutoConfigureMockMvc
  class WithKeys extends Client {
    @Autowired
    ApiKeys keys;
    @Autowired
    TenantRepository tenants;
    @Autowired
    Environment environment;

    private String key(TenantId tenant, Scope... scopes) {
      return keys.create(tenant, Set.of(scopes), "audit test", null, Instant.now()).key();
    }

    @Test
    void anAdminActionIsRecordedWithTheKeysPrefixAndTenant() throws Exception {
      String admin = key(TenantId.DEFAULT, Scope.ADMIN, Scope.INGEST);
      long id = journey(admin);
      assertThat(send(delete(BASE + "/journeys/" + id).header("X-API-Key", admin)).getStatus()).isEqualTo(204);
      JsonNode entry = entryFor(body(send(get(AUDIT).header("X-API-Key", admin))), "DELETE",
          BASE + "/journeys/" + id);
      assertThat(entry.get("key_prefix").asString()).isEqualTo(admin.substring(0, 11));
      assertThat(entry.get("tenant").asString()).isEqualTo("default");
      assertThat(entry.toString()).doesNotContain(admin);
    }

    @Test
    void onlyAdminKeysReadTheLog() throws Exception {
      String reader = key(TenantId.DEFAULT, Scope.READ);
      assertThat(send(get(AUDIT).header("X-API-Key", reader)).getStatus()).isEqualTo(403);
      assertThat(send(get(AUDIT)).getStatus()).isEqualTo(401);
    }

    @Test
    void aTenantsAdminSeesOnlyItsOwnTenantsEntries() throws Exception {
      TenantId acme = new TenantId("acme-audit");
      tenants.create(acme);
      String ours = key(TenantId.DEFAULT, Scope.ADMIN);
      String theirs = key(acme, Scope.ADMIN);
      send(delete(BASE + "/journeys/424242").header("X-API-Key", ours));
      JsonNode page = body(send(get(AUDIT).header("X-API-Key", theirs)));
      assertThat(entryFor(page, "DELETE", BASE + "/journeys/424242")).isNull();
      assertThat(entryFor(body(send(get(AUDIT).header("X-API-Key", ours))), "DELETE", BASE + "/journeys/424242"))
          .isNotNull();
    }

    @Test
    void theCommandLinesChangesAreShownToTheTenantsAdminKeys() throws Exception {
      String[] database = {"--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
          "--spring.datasource.username=sa", "--nexus.security.pepper=test-pepper"};
      assertThat(AdminCommands.run(command(database, "tenants", "create", "cli-audit"))).isZero();
      TenantId tenant = new TenantId("cli-audit");
      String admin = key(tenant, Scope.ADMIN);
      String doomed = key(tenant, Scope.READ);
      assertThat(AdminCommands.run(command(database, "keys", "revoke", doomed.substring(0, 11)))).isZero();

      JsonNode page = body(send(get(AUDIT).header("X-API-Key", admin)));
      JsonNode created = commandEntryFor(page, "tenants create", "cli-audit");
      assertThat(created.get("actor").asString()).isEqualTo("cli:" + System.getProperty("user.name"));
      assertThat(created.get("tenant").asString()).isEqualTo("cli-audit");
      assertThat(created.get("outcome").asString()).isEqualTo("succeeded");
      assertThat(commandEntryFor(page, "keys revoke", doomed.substring(0, 11))).isNotNull();
      assertThat(page.toString()).doesNotContain(doomed);
      String ours = key(TenantId.DEFAULT, Scope.ADMIN);
      assertThat(commandEntryFor(body(send(get(AUDIT).header("X-API-Key", ours))), "tenants create", "cli-audit"))
          .isNull();
    }

    private static String[] command(String[] database, String... words) {
      String[] all = Arrays.copyOf(words, words.length + database.length);
      System.arraycopy(database, 0, all, words.length, database.length);
      return all;
    }
  }
}
