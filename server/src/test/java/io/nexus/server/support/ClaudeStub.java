package io.nexus.server.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The Anthropic Messages API as a WireMock stub answering in its real shapes: a forced tool's {@code tool_use}
 * content block with {@code stop_reason} and {@code usage}, and error bodies {@code {"type":"error","error":{…}}}
 * with their status and {@code retry-after}. One per test class ({@code @RegisterExtension static}), started at once
 * and reset before each test, which then counts only its own requests.
 */
public final class ClaudeStub implements BeforeEachCallback {
  private final WireMockServer server = new WireMockServer(options().dynamicPort());

  public ClaudeStub() {
    server.start();
  }

  public WireMockServer server() {
    return server;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server.resetAll();
  }

  /** Points the service at this stub with {@code key}, the SDK retrying {@code maxRetries} times. */
  public void provider(DynamicPropertyRegistry registry, String key, int maxRetries) {
    registry.add("nexus.ai.api-key", () -> key);
    registry.add("nexus.ai.base-url", server::baseUrl);
    registry.add("nexus.ai.max-retries", () -> maxRetries);
  }

  /** A Messages API answer calling {@code tool} with {@code input} (JSON), counting the tokens given. */
  public static String toolAnswer(String tool, String input, long inputTokens, long outputTokens) {
    return "{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01A09q90qw90\","
        + "\"name\":\"" + tool + "\",\"input\":" + input + "}],\"stop_reason\":\"tool_use\","
        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + inputTokens + ",\"output_tokens\":" + outputTokens
        + "}}";
  }

  /** Every request is answered with {@code body}. */
  public void answers(String body) {
    server.stubFor(post("/v1/messages").willReturn(okJson(body)));
  }

  /** Requests whose body contains {@code text} are answered with {@code body}. */
  public void answersWhenAsked(String text, String body) {
    server.stubFor(post("/v1/messages").withRequestBody(containing(text)).willReturn(okJson(body)));
  }

  /** Every request fails with {@code status} and an error body of {@code errorType}, saying {@code retryAfter}. */
  public void fails(int status, String errorType, String message, String retryAfter) {
    var response = aResponse().withStatus(status).withHeader("content-type", "application/json")
        .withBody("{\"type\":\"error\",\"error\":{\"type\":\"" + errorType + "\",\"message\":\"" + message + "\"}}");
    server.stubFor(post("/v1/messages").willReturn(retryAfter == null ? response
        : response.withHeader("retry-after", retryAfter)));
  }

  /** The body of the {@code index}-th request the stub received, the latest first. */
  public String sentBody(int index) {
    return server.getAllServeEvents().get(index).getRequest().getBodyAsString();
  }
}
