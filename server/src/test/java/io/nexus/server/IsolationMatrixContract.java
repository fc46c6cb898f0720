package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.persistence.TenantId;
import io.nexus.server.security.Scope;
import io.nexus.server.security.ScopeRules;
import io.nexus.server.security.internal.ApiKeys;
import io.nexus.server.security.internal.TenantRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may see what, for every operation of the service's own OpenAPI document: tenant A's keys on tenant B's ids get
 * exactly what an id that does not exist gets (404 where the path names it), a call without a key 401, a key without
 * the operation's scope 403, and B's data is the same afterwards. Subclasses run it on H2 and PostgreSQL.
 */
@SpringBootTest(properties = {"nexus.security.auth=required", "nexus.security.pepper=matrix-pepper"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IsolationMatrixContract {
  private static final TenantId A = new TenantId("tenant-a");
  private static final TenantId B = new TenantId("tenant-b");
  private static final String MISSING = "987654321";

  @Autowired
  MockMvc mvc;
  @Autowired
  JsonMapper json;
  @Autowired
  ApiKeys keys;
  @Autowired
  TenantRepository tenants;

  private String keyOfB;
  private final Map<Scope, String> keyOfAWithout = new LinkedHashMap<>();
  private String keyOfA;
  /** B's ids by path parameter. */
  private final Map<String, String> idsOfB = new LinkedHashMap<>();

  private String key(TenantId tenant, Set<Scope> scopes) {
    return keys.create(tenant, scopes, "matrix", null, Instant.now()).key();
  }

  @BeforeAll
  void twoTenantsWithData() throws Exception {
    tenants.create(A);
    tenants.create(B);
    keyOfA = key(A, EnumSet.allOf(Scope.class));
    for (Scope s : Scope.values()) {
      EnumSet<Scope> others = EnumSet.allOf(Scope.class);
      others.remove(s);
      keyOfAWithout.put(s, key(A, others));
    }
    keyOfB = key(B, EnumSet.allOf(Scope.class));
    String channel = send(keyOfB, HttpMethod.POST, "/api/v1/attribution/channels",
        "{\"name\":\"B's secret channel\",\"channel_type\":\"paid_other\",\"cost_per_click\":1.5}").get("id").asString();
    String model = send(keyOfB, HttpMethod.POST, "/api/v1/attribution/models",
        "{\"name\":\"B's own model\",\"model_type\":\"linear\"}").get("id").asString();
    String journey = send(keyOfB, HttpMethod.POST, "/api/v1/attribution/journeys",
        "{\"user_id\":\"b-user\",\"start_time\":\"2025-03-01T10:00:00Z\"}").get("id").asString();
    send(keyOfB, HttpMethod.POST, "/api/v1/attribution/touchpoints", "{\"journey_id\":" + journey + ",\"channel_id\":"
        + channel + ",\"touchpoint_type\":\"click\",\"timestamp\":\"2025-03-01T10:00:00Z\",\"cost\":1.5}");
    send(keyOfB, HttpMethod.POST, "/api/v1/attribution/conversions", "{\"journey_id\":" + journey
        + ",\"timestamp\":\"2025-03-02T10:00:00Z\",\"revenue\":100}");
    send(keyOfB, HttpMethod.POST, "/api/v1/attribution/calculate/" + journey + "/" + model, null);
    String job = send(keyOfB, HttpMethod.POST, "/api/v1/attribution/calculate/bulk",
        "{\"start_date\":\"2025-03-01\",\"end_date\":\"2025-03-31\",\"model_ids\":[1]}").get("job_id").asString();
    // The job ends before the matrix starts, so that B's snapshot changes only if another tenant changes it.
    for (int i = 0; i < 300 && send(keyOfB, HttpMethod.GET, "/api/v1/attribution/jobs/" + job, null).get("status")
        .asString().matches("queued|running"); i++) {
      Thread.sleep(100);
    }
    idsOfB.put("channels", channel);
    idsOfB.put("models", model);
    idsOfB.put("journeys", journey);
    idsOfB.put("jobs", job);
    idsOfB.put("prefix", keyOfB.substring(0, 11));
  }

  private JsonNode send(String key, HttpMethod method, String path, String body) throws Exception {
    MockHttpServletResponse answer = call(key, method, path, body);
    assertThat(answer.getStatus()).as("%s %s -> %s", method, path, answer.getContentAsString()).isBetween(200, 299);
    return answer.getContentAsString().isEmpty() ? null : json.readTree(answer.getContentAsString());
  }

  private MockHttpServletResponse call(String key, HttpMethod method, String path, String body) throws Exception {
    MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, path);
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(body);
    }
    return mvc.perform(request).andReturn().getResponse();
  }

  /** One operation of the OpenAPI document. */
  private record Operation(HttpMethod method, String template) {
    boolean namesAnId() {
      // A platform's name is the same for every tenant, not an id of one.
      return template.replace("{platform}", "").contains("{");
    }
  }

  private List<Operation> operations() throws Exception {
    JsonNode doc = json.readTree(call(null, HttpMethod.GET, "/v3/api-docs", null).getContentAsString());
    List<Operation> all = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        all.add(new Operation(HttpMethod.valueOf(op.getKey().toUpperCase()), path.getKey()));
      }
    }
    assertThat(all).hasSizeGreaterThan(20);
    return all;
  }

  /** The operation's path with B's ids, or with ids nobody has when {@code missing}. */
  private String path(Operation op, boolean missing) {
    String path = op.template();
    String resource = path.contains("/channels/") ? "channels" : path.contains("/models/") ? "models"
        : path.contains("/jobs/") ? "jobs" : "journeys";
    path = path.replace("{platform}", "test_shop")
        .replace("{prefix}", missing ? "nx_ZZZZZZZZ" : idsOfB.get("prefix"))
        .replace("{journeyId}", missing ? MISSING : idsOfB.get("journeys"))
        .replace("{modelId}", missing ? MISSING : idsOfB.get("models"))
        .replace("{id}", missing ? MISSING : idsOfB.get(resource));
    return path;
  }

  /** A body naming B's ids (or missing ones) where the operation takes ids in its body. */
  private String body(Operation op, boolean missing) {
    if (op.method() != HttpMethod.POST && op.method() != HttpMethod.PUT) {
      return null;
    }
    String journey = missing ? MISSING : idsOfB.get("journeys");
    String channel = missing ? MISSING : idsOfB.get("channels");
    String model = missing ? MISSING : idsOfB.get("models");
    String touch = "{\"journey_id\":" + journey + ",\"channel_id\":1,\"touchpoint_type\":\"click\","
        + "\"timestamp\":\"2025-03-01T11:00:00Z\",\"cost\":1}";
    String conversion = "{\"journey_id\":" + journey + ",\"timestamp\":\"2025-03-02T11:00:00Z\",\"revenue\":5}";
    String t = op.template();
    if (t.endsWith("/touchpoints")) {
      return touch;
    } else if (t.endsWith("/touchpoints/batch")) {
      return "{\"touchpoints\":[" + touch + "]}";
    } else if (t.endsWith("/conversions")) {
      return conversion;
    } else if (t.endsWith("/conversions/batch")) {
      return "{\"conversions\":[" + conversion + "]}";
    } else if (t.endsWith("/calculate/bulk")) {
      return "{\"journey_ids\":[" + journey + "],\"model_ids\":[" + model + "]}";
    } else if (t.endsWith("/channel-roi")) {
      return "{\"channel_ids\":[" + channel + "],\"start_date\":\"2025-03-01\",\"end_date\":\"2025-03-31\","
          + "\"attribution_model_id\":" + model + "}";
    } else if (t.endsWith("/model-comparison")) {
      return "{\"model_ids\":[" + model + "],\"start_date\":\"2025-03-01\",\"end_date\":\"2025-03-31\"}";
    } else if (t.endsWith("/ai/insights")) {
      return "{\"journey_ids\":[" + journey + "],\"analysis_type\":\"performance\"}";
    } else if (t.endsWith("/top-paths")) {
      return "{\"start_date\":\"2025-03-01\",\"end_date\":\"2025-03-31\"}";
    } else if (t.contains("/channels/") || t.contains("/models/")) {
      return "{\"name\":\"taken over\"}";
    } else if (t.endsWith("/admin/keys")) {
      return "{\"scopes\":[\"read\"]}";
    } else if (t.endsWith("/journeys")) {
      return "{\"user_id\":\"a-user\",\"start_time\":\"2025-03-01T10:00:00Z\"}";
    }
    return "{}";
  }

  /** Everything B can see of its own data, its key list without when keys were last used. */
  private String snapshotOfB() throws Exception {
    StringBuilder all = new StringBuilder();
    for (String path : List.of("/api/v1/attribution/journeys/" + idsOfB.get("journeys"),
        "/api/v1/attribution/channels", "/api/v1/attribution/models", "/api/v1/attribution/journeys",
        "/api/v1/attribution/jobs/" + idsOfB.get("jobs"),
        "/api/v1/attribution/journeys/" + idsOfB.get("journeys") + "/visualization?model_id=" + idsOfB.get("models"))) {
      MockHttpServletResponse answer = call(keyOfB, HttpMethod.GET, path, null);
      assertThat(answer.getStatus()).as(path).isEqualTo(200);
      all.append(path).append(" = ").append(answer.getContentAsString()).append('\n');
    }
    JsonNode keysOfB = json.readTree(call(keyOfB, HttpMethod.GET, "/api/v1/admin/keys", null).getContentAsString());
    keysOfB.forEach(k -> all.append(k.get("prefix").asString()).append(k.get("revoked_at")).append('\n'));
    return all.toString();
  }

  @Test
  void everyOperationRefusesCallsWithoutAKeyAndKeysWithoutItsScope() throws Exception {
    for (Operation op : operations()) {
      String path = path(op, false);
      var needed = ScopeRules.required(op.method().name(), op.template().replaceAll("\\{[^}]+}", "1"));
      if (needed.isEmpty()) {
        continue; // health
      }
      MockHttpServletResponse anonymous = call(null, op.method(), path, body(op, false));
      assertThat(anonymous.getStatus()).as("%s %s without a key", op.method(), path).isEqualTo(401);
      MockHttpServletResponse unscoped = call(keyOfAWithout.get(needed.get()), op.method(), path, body(op, false));
      assertThat(unscoped.getStatus()).as("%s %s without %s", op.method(), path, needed.get()).isEqualTo(403);
      assertThat(unscoped.getContentAsString()).contains(needed.get().label());
    }
  }

  @Test
  void anotherTenantsIdsAnswerAsIdsThatDoNotExistAndChangeNothing() throws Exception {
    String before = snapshotOfB();
    List<String> checked = new ArrayList<>();
    for (Operation op : operations()) {
      if (ScopeRules.required(op.method().name(), op.template().replaceAll("\\{[^}]+}", "1")).isEmpty()) {
        continue;
      }
      MockHttpServletResponse ofB = call(keyOfA, op.method(), path(op, false), body(op, false));
      MockHttpServletResponse missing = call(keyOfA, op.method(), path(op, true), body(op, true));
      String what = op.method() + " " + path(op, false) + " -> " + ofB.getContentAsString();
      assertThat(ofB.getStatus()).as(what).isLessThan(500).isEqualTo(missing.getStatus());
      if (op.namesAnId()) {
        assertThat(ofB.getStatus()).as(what).isEqualTo(404);
      }
      assertThat(ofB.getContentAsString()).as(what).doesNotContain("B's secret channel").doesNotContain("b-user")
          .doesNotContain("B's own model");
      checked.add(op.method() + " " + op.template() + " " + ofB.getStatus());
    }
    assertThat(checked).hasSizeGreaterThan(20);
    assertThat(snapshotOfB()).isEqualTo(before);
  }

  @Test
  void aTenantsReportsAndListsHoldNothingOfAnother() throws Exception {
    JsonNode journeys = json.readTree(call(keyOfA, HttpMethod.GET, "/api/v1/attribution/journeys?user_id=b-user",
        null).getContentAsString());
    assertThat(journeys.toString()).doesNotContain("b-user");
    MockHttpServletResponse paths = call(keyOfA, HttpMethod.POST, "/api/v1/attribution/analytics/top-paths",
        "{\"start_date\":\"2025-03-01\",\"end_date\":\"2025-03-31\"}");
    assertThat(paths.getStatus()).isEqualTo(200);
    assertThat(paths.getContentAsString()).doesNotContain("Paid Other").doesNotContain("secret");
    MockHttpServletResponse channels = call(keyOfA, HttpMethod.GET, "/api/v1/attribution/channels", null);
    assertThat(json.readTree(channels.getContentAsString())).hasSize(19);
    assertThat(channels.getContentAsString()).doesNotContain("B's secret channel");
  }
}
