package io.nexus.server.integration.internal.meta;

import io.nexus.server.integration.PlatformException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls to Meta's Graph API (the Marketing API's Insights and the Conversions API) with its documented error
 * handling: an {@code error} object in the body whatever the HTTP status; throttling (codes 4, 17, 613 and the
 * business-use-case codes 80000 to 80014) and transient errors (1, 2, HTTP 5xx, no answer) retried with exponential
 * backoff, waiting at least what {@code X-Business-Use-Case-Usage} says access is regained in; refused tokens
 * (OAuthException, 190, HTTP 401) and missing permissions failing at once with a reason. The access token travels in
 * the query or form as the Graph API documents and never appears in a message or log.
 */
final class MetaGraph {
  private static final Logger log = LoggerFactory.getLogger(MetaGraph.class);

  private final MetaSettings settings;
  private final HttpClient http;
  private final JsonMapper json;
  private final Sleeper sleeper;

  /** Waits between retries; tests may pass one that does not sleep. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  MetaGraph(MetaSettings settings, JsonMapper json, Sleeper sleeper) {
    this.settings = settings;
    this.json = json;
    this.sleeper = sleeper;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** GETs {@code path} under the Graph URL with {@code params} (the token and its proof added). */
  JsonNode get(String path, Map<String, String> params) {
    Map<String, String> all = authorised(params);
    URI uri = URI.create(settings.graphUrl() + "/" + path + "?" + form(all));
    return send(() -> HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build(), path);
  }

  /**
   * GETs a {@code paging.next} URL as Meta gave it (it carries the token and the cursor); only one on the Graph URL's
   * own host, so the token never goes anywhere else.
   */
  JsonNode getNext(String next, String what) {
    URI uri;
    try {
      uri = URI.create(next);
    } catch (IllegalArgumentException e) {
      throw new PlatformException("Meta answered a paging.next that is not a URL for " + what);
    }
    URI base = URI.create(settings.graphUrl());
    if (!base.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
        || !base.getHost().equalsIgnoreCase(String.valueOf(uri.getHost())) || base.getPort() != uri.getPort()) {
      throw new PlatformException("Meta answered a paging.next on another host than " + base.getHost() + " for "
          + what + "; not followed");
    }
    // Meta's next links carry the token but not always the proof; an app that requires it refuses them without.
    String query = uri.getRawQuery();
    URI target = settings.appSecret() == null || (query != null && query.contains("appsecret_proof=")) ? uri
        : URI.create(next + (query == null ? "?" : "&") + "appsecret_proof=" + appSecretProof());
    return send(() -> HttpRequest.newBuilder(target).timeout(settings.timeout()).GET().build(), what);
  }

  private Map<String, String> authorised(Map<String, String> params) {
    Map<String, String> all = new LinkedHashMap<>(params);
    all.put("access_token", settings.accessToken());
    if (settings.appSecret() != null) {
      all.put("appsecret_proof", appSecretProof());
    }
    return all;
  }

  /**
   * Meta's proof that a call comes from the app's own server ("Require App Secret" in the app's settings): the
   * HMAC-SHA256 of the access token keyed with the app secret, in hex.
   */
  String appSecretProof() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(settings.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(settings.accessToken().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /** POSTs {@code params} form-encoded (the token and its proof added) to {@code path} under the Graph URL. */
  JsonNode post(String path, Map<String, String> params) {
    Map<String, String> all = authorised(params);
    URI uri = URI.create(settings.graphUrl() + "/" + path);
    String body = form(all);
    return send(() -> HttpRequest.newBuilder(uri).timeout(settings.timeout())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), path);
  }

  private JsonNode send(java.util.function.Supplier<HttpRequest> request, String what) {
    String redactedWhat = redact(what);
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request.get(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        retryOrFail(attempt, Duration.ZERO, "Meta could not be reached for " + redactedWhat + " ("
            + e.getClass().getSimpleName() + ")");
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PlatformException("interrupted while calling Meta for " + redactedWhat);
      }
      JsonNode body = parse(response.body());
      JsonNode error = body == null ? null : body.get("error");
      if (error == null && response.statusCode() / 100 == 2) {
        if (body == null) {
          throw new PlatformException("Meta answered " + redactedWhat + " with what is not JSON");
        }
        return body;
      }
      if (error == null) {
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
          retryOrFail(attempt, regainAccess(response), "Meta answered HTTP " + response.statusCode() + " for "
              + redactedWhat);
          continue;
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
          throw new PlatformException("Meta refused the access token (HTTP " + response.statusCode() + ") for "
              + redactedWhat + "; check NEXUS_META_ACCESS_TOKEN and its permissions");
        }
        throw new PlatformException("Meta answered HTTP " + response.statusCode() + " for " + redactedWhat);
      }
      int code = error.path("code").asInt(0);
      int subcode = error.path("error_subcode").asInt(0);
      String type = error.path("type").asString("");
      String message = redact(error.path("message").asString(""));
      String described = "Meta error " + code + (subcode == 0 ? "" : "/" + subcode) + (type.isEmpty() ? "" : " "
          + type) + ": " + message + " (" + redactedWhat + ")";
      if (throttled(code) || code == 1 || code == 2 || error.path("is_transient").asBoolean(false)) {
        retryOrFail(attempt, regainAccess(response), described);
        continue;
      }
      // Meta types most errors OAuthException, throttling and bad parameters too: the code tells a refused token.
      if (code == 190 || code == 102 || response.statusCode() == 401) {
        throw new PlatformException("Meta refused the access token: " + described
            + "; set NEXUS_META_ACCESS_TOKEN to a valid token");
      }
      if (code == 10 || (code >= 200 && code <= 299) || response.statusCode() == 403) {
        throw new PlatformException("the access token lacks a permission: " + described
            + "; reading spend needs ads_read, pushing conversions ads_management");
      }
      throw new PlatformException(described);
    }
  }

  /** Whether {@code code} is one of Meta's throttling codes. */
  static boolean throttled(int code) {
    return code == 4 || code == 17 || code == 613 || (code >= 80000 && code <= 80014);
  }

  private void retryOrFail(int attempt, Duration atLeast, String why) {
    if (attempt >= settings.maxRetries()) {
      throw new PlatformException(why + "; gave up after " + (attempt + 1) + " attempts, try again later");
    }
    Duration backoff = settings.retryBase().multipliedBy(1L << Math.min(attempt, 16));
    Duration wait = atLeast.compareTo(backoff) > 0 ? atLeast : backoff;
    if (wait.compareTo(settings.maxWait()) > 0) {
      throw new PlatformException(why + "; Meta regains access in " + wait.toMinutes() + " min, more than "
          + settings.maxWait().toMinutes() + " min to wait: try again later");
    }
    log.info("{}; retrying in {} ms (attempt {} of {})", why, wait.toMillis(), attempt + 2, settings.maxRetries() + 1);
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException(why + "; interrupted while waiting to retry");
    }
  }

  /**
   * The longest {@code estimated_time_to_regain_access} (minutes) of the {@code X-Business-Use-Case-Usage} header,
   * whose value maps each ad account to its use cases' usage; zero without one.
   */
  Duration regainAccess(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("x-business-use-case-usage");
    if (header.isEmpty()) {
      return Duration.ZERO;
    }
    JsonNode usage = parse(header.get());
    long minutes = 0;
    if (usage != null) {
      for (JsonNode cases : usage) {
        for (JsonNode useCase : cases) {
          minutes = Math.max(minutes, useCase.path("estimated_time_to_regain_access").asLong(0));
        }
      }
    }
    return Duration.ofMinutes(minutes);
  }

  private JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      JsonNode node = json.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  /** {@code text} without the access token, its proof or the app secret, should Meta ever echo them. */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String token = settings.accessToken();
    String redacted = token == null ? text : text.replace(token, "[token]");
    if (settings.appSecret() != null) {
      redacted = redacted.replace(settings.appSecret(), "[app secret]").replace(appSecretProof(), "[proof]");
    }
    return redacted;
  }

  private static String form(Map<String, String> params) {
    StringJoiner joined = new StringJoiner("&");
    params.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return joined.toString();
  }
}
