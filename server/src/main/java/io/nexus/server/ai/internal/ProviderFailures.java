package io.nexus.server.ai.internal;

import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicServiceException;
import io.nexus.server.web.ApiException;
import java.io.InterruptedIOException;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * What a provider failure answers: overloaded or rate-limited (429, 529) after the SDK's retries 503 with
 * Retry-After, a timeout 504, anything else 502; never the key, never the provider's raw body.
 */
final class ProviderFailures {
  private static final int DEFAULT_RETRY_SECONDS = 30;

  private ProviderFailures() {}

  /** The kind of failure, for metrics: rate_limited, overloaded, timeout, provider_error, invalid_answer. */
  static String kind(RuntimeException e) {
    if (e instanceof AnthropicServiceException service) {
      return switch (service.statusCode()) {
        case 429 -> "rate_limited";
        case 529 -> "overloaded";
        default -> "provider_error";
      };
    }
    if (timedOut(e)) {
      return "timeout";
    }
    return e instanceof AnthropicInvalidDataException ? "invalid_answer" : "provider_error";
  }

  static ApiException answer(RuntimeException e) {
    if (e instanceof AnthropicServiceException service) {
      int status = service.statusCode();
      String type = service.errorType().map(Object::toString).orElse("unknown");
      if (status == 429 || status == 529) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "AI provider busy",
            "the AI provider answered " + status + " (" + type + ") after retries; try again later", List.of())
            .retryAfter(retryAfter(service));
      }
      String hint = status == 401 || status == 403 ? "; check ANTHROPIC_API_KEY" : "";
      return new ApiException(HttpStatus.BAD_GATEWAY, "AI provider failed",
          "the AI provider answered " + status + " (" + type + ")" + hint, List.of());
    }
    if (timedOut(e)) {
      return new ApiException(HttpStatus.GATEWAY_TIMEOUT, "AI provider timed out",
          "the AI provider did not answer within nexus.ai.timeout", List.of());
    }
    if (e instanceof AnthropicInvalidDataException) {
      return ToolAnswers.wrong("the response is not a Messages API answer");
    }
    return new ApiException(HttpStatus.BAD_GATEWAY, "AI provider unreachable",
        "the AI provider could not be reached: " + e.getClass().getSimpleName(), List.of());
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }

  private static int retryAfter(AnthropicServiceException e) {
    for (String value : e.headers().values("retry-after")) {
      try {
        return Math.max(1, (int) Math.ceil(Double.parseDouble(value.strip())));
      } catch (NumberFormatException notSeconds) {
        // An HTTP date: fall back to the default below.
      }
    }
    return DEFAULT_RETRY_SECONDS;
  }
}
