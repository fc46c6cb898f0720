package io.nexus.server.ratelimit.internal;

import io.nexus.server.security.Scope;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code nexus.rate-limit.*}: {@code enabled} ({@code NEXUS_RATE_LIMIT}, default true), {@code store}
 * ({@code NEXUS_RATE_LIMIT_STORE}: {@code local}, or {@code redis} to share the buckets between instances; by default
 * {@code redis} exactly when the cache is on Redis) and, per scope, how many requests a caller may make in a window
 * ({@code nexus.rate-limit.scopes.read.requests} and {@code .window}); the bucket refills evenly over the window and
 * holds at most one window's requests; {@code failed-authentication}: how many requests with a wrong key one client
 * address may make in a window before all its keyed requests are refused until the bucket refills.
 */
@ConfigurationProperties(prefix = "nexus.rate-limit")
record RateLimitSettings(Boolean enabled, String store, Map<String, Limit> scopes, Limit failedAuthentication) {
  /** Defaults generous enough for the load benchmark on one machine; tighten them per deployment. */
  static final Map<Scope, Limit> DEFAULTS = Map.of(
      Scope.READ, new Limit(100_000, Duration.ofMinutes(1)),
      Scope.INGEST, new Limit(20_000, Duration.ofMinutes(1)),
      Scope.ADMIN, new Limit(1_000, Duration.ofMinutes(1)));

  /** Wrong keys one client address may present: enough for typos, far too few to guess. */
  static final Limit FAILED_AUTHENTICATION = new Limit(30, Duration.ofMinutes(1));

  /** At most {@code requests} per {@code window}. */
  record Limit(long requests, Duration window) {
    Limit {
      if (requests <= 0) {
        throw new IllegalArgumentException("nexus.rate-limit.scopes.*.requests must be positive");
      }
      window = window == null ? Duration.ofMinutes(1) : window;
      if (window.isNegative() || window.isZero() || window.toMillis() < 1) {
        throw new IllegalArgumentException("nexus.rate-limit.scopes.*.window must be at least 1ms");
      }
    }
  }

  RateLimitSettings {
    enabled = enabled == null || enabled;
    store = store == null || store.isBlank() || store.strip().equalsIgnoreCase("caffeine") ? "local"
        : store.strip().toLowerCase(Locale.ROOT);
    if (!store.equals("local") && !store.equals("redis")) {
      throw new IllegalArgumentException("NEXUS_RATE_LIMIT_STORE must be local or redis, not '" + store + "'");
    }
    scopes = scopes == null ? Map.of() : Map.copyOf(scopes);
    scopes.keySet().forEach(Scope::of);
    failedAuthentication = failedAuthentication == null ? FAILED_AUTHENTICATION : failedAuthentication;
  }

  /** The limit of each scope, configured or default. */
  Map<Scope, Limit> limits() {
    Map<Scope, Limit> limits = new EnumMap<>(DEFAULTS);
    scopes.forEach((label, limit) -> limits.put(Scope.of(label), limit));
    return limits;
  }
}
