package io.nexus.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small client of the API over MockMvc that checks statuses and reads JSON answers. */
public final class Api {
  public static final String BASE = "/api/v1/attribution";

  private final MockMvc mvc;
  private final JsonMapper json;

  public Api(MockMvc mvc, JsonMapper json) {
    this.mvc = mvc;
    this.json = json;
  }

  /** The status and JSON body of an answer. */
  public record Answer(int status, JsonNode body, String contentType) {
    public long id() {
      return body.get("id").asLong();
    }
  }

  public Answer post(String path, String body) {
    return send(MockMvcRequestBuilders.post(BASE + path).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  /** POSTs a file body of the given content type. */
  public Answer upload(String path, String contentType, byte[] body) {
    return send(MockMvcRequestBuilders.post(BASE + path).contentType(contentType).content(body));
  }

  public Answer put(String path, String body) {
    return send(MockMvcRequestBuilders.put(BASE + path).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  public Answer get(String path) {
    return send(MockMvcRequestBuilders.get(path.startsWith("/api") || path.startsWith("/actuator")
        || path.startsWith("/v3") ? path : BASE + path));
  }

  public Answer delete(String path) {
    return send(MockMvcRequestBuilders.delete(BASE + path));
  }

  /** POSTs and expects {@code status}. */
  public JsonNode post(String path, String body, int status) {
    Answer answer = post(path, body);
    assertThat(answer.status()).as("POST %s -> %s", path, answer.body()).isEqualTo(status);
    return answer.body();
  }

  /** GETs and expects {@code status}. */
  public JsonNode get(String path, int status) {
    Answer answer = get(path);
    assertThat(answer.status()).as("GET %s -> %s", path, answer.body()).isEqualTo(status);
    return answer.body();
  }

  private Answer send(MockHttpServletRequestBuilder request) {
    try {
      MvcResult result = mvc.perform(request).andReturn();
      String text = result.getResponse().getContentAsString();
      JsonNode body = text.isEmpty() ? null : parse(text);
      return new Answer(result.getResponse().getStatus(), body, result.getResponse().getContentType());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (RuntimeException e) {
      return json.getNodeFactory().stringNode(text);
    }
  }

  // ---- fixtures -------------------------------------------------------------------------------------------------

  public long journey(String user, String start) {
    return post("/journeys", "{\"user_id\":\"" + user + "\",\"start_time\":\"" + start + "\"}", 201).get("id")
        .asLong();
  }

  public long touch(long journey, long channel, String type, String at, String cost) {
    return post("/touchpoints", "{\"journey_id\":" + journey + ",\"channel_id\":" + channel + ",\"touchpoint_type\":\""
        + type + "\",\"timestamp\":\"" + at + "\",\"cost\":" + cost + "}", 201).get("id").asLong();
  }

  /**
   * A journey of {@code user} started on {@code day} at 10:00 UTC with a click (costing 1) on each of
   * {@code channels} an hour apart, converting {@code revenue} at 18:00; its id, then its touchpoints' ids.
   */
  public long[] dayJourney(String user, String day, String revenue, long... channels) {
    long j = journey(user, day + "T10:00:00Z");
    long[] ids = new long[channels.length + 1];
    ids[0] = j;
    for (int i = 0; i < channels.length; i++) {
      ids[i + 1] = touch(j, channels[i], "click", day + "T1" + i + ":00:00Z", "1");
    }
    purchase(j, day + "T18:00:00Z", revenue);
    return ids;
  }

  public long purchase(long journey, String at, String revenue) {
    return post("/conversions", "{\"journey_id\":" + journey + ",\"timestamp\":\"" + at + "\",\"revenue\":" + revenue
        + "}", 201).get("id").asLong();
  }

  public long channel(String name, String costPerClick) {
    return post("/channels", "{\"name\":\"" + name + "\",\"channel_type\":\"paid_other\",\"cost_per_click\":"
        + costPerClick + "}", 201).get("id").asLong();
  }
}
