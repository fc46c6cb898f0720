package io.nexus.server.security.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.nexus.server.security.Caller;
import io.nexus.server.security.KeyPrefix;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks presented API keys without a database query per request: the stored keys it looked up stay in memory for a
 * minute, and a poll of the security revision (every 200 ms, one tiny query whatever the request rate) drops them all
 * as soon as any instance creates or revokes a key or deletes a tenant. Revocations on this instance drop them at
 * once. When keys were last used is written in batches; thread-safe.
 */
@Component
public class KeyVerifier {
  private static final Logger log = LoggerFactory.getLogger(KeyVerifier.class);

  /** The outcome of a check: the caller, or why the key was refused (a sentence for the 401 problem). */
  public record Verdict(Optional<Caller> caller, String refusal) {
    static Verdict accept(Caller caller) {
      return new Verdict(Optional.of(caller), null);
    }

    static Verdict refuse(String reason) {
      return new Verdict(Optional.empty(), reason);
    }
  }

  private final ApiKeyRepository keys;
  private final KeyHasher hasher;
  private final Cache<KeyPrefix, Optional<StoredKey>> verified = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();
  private final Map<KeyPrefix, Instant> used = new ConcurrentHashMap<>();
  private volatile long revision = -1;

  KeyVerifier(ApiKeyRepository keys, KeyHasher hasher) {
    this.keys = keys;
    this.hasher = hasher;
  }

  /** Checks the key {@code presented} at {@code now}. */
  public Verdict verify(String presented, Instant now) {
    Optional<ApiKeys.Parsed> parsed = ApiKeys.parse(presented);
    if (parsed.isEmpty()) {
      return Verdict.refuse("the API key is malformed (expected nx_ followed by its prefix and secret)");
    }
    Optional<StoredKey> stored = verified.get(parsed.get().prefix(), keys::find);
    if (stored.isEmpty() || !hasher.matches(presented, stored.get().secretHash())) {
      return Verdict.refuse("the API key is unknown or was revoked");
    }
    StoredKey key = stored.get();
    if (key.revokedAt() != null) {
      return Verdict.refuse("the API key is unknown or was revoked");
    }
    if (!key.usableAt(now)) {
      return Verdict.refuse("the API key expired at " + key.expiresAt());
    }
    used.put(key.prefix(), now);
    return Verdict.accept(new Caller(key.tenant(), Optional.of(key.prefix()), key.scopes()));
  }

  /** Forgets every verified key (after a change made on this instance). */
  public void forgetAll() {
    verified.invalidateAll();
  }

  @Scheduled(fixedDelayString = "${nexus.security.revision-poll:PT0.2S}")
  void pollRevision() {
    try {
      long current = keys.revision();
      if (current != revision) {
        verified.invalidateAll();
        revision = current;
      }
    } catch (DataAccessException e) {
      // The database is out of reach: no key can have been created or revoked either.
      log.debug("could not read the security revision: {}", e.getMessage());
    }
  }

  @Scheduled(fixedDelayString = "PT30S")
  void writeLastUsed() {
    if (used.isEmpty()) {
      return;
    }
    Map<KeyPrefix, Instant> batch = new HashMap<>(used);
    batch.forEach(used::remove);
    try {
      keys.touch(batch);
    } catch (DataAccessException e) {
      log.warn("could not record when {} keys were last used: {}", batch.size(), e.getMessage());
    }
  }
}
