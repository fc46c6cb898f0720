package io.nexus.server.ratelimit.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Buckets in this process: each instance limits on its own. Idle buckets (full again by then) are dropped. */
final class LocalBuckets implements BucketStore {
  private final Cache<String, Bucket> buckets;

  LocalBuckets(Duration longestWindow) {
    buckets = Caffeine.newBuilder().expireAfterAccess(longestWindow.plusSeconds(1)).maximumSize(1_000_000).build();
  }

  @Override
  public Optional<Decision> consume(String key, BucketConfiguration configuration) {
    Bucket bucket = buckets.get(key, k -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return Optional.of(new Decision(probe.isConsumed(), probe.getRemainingTokens(),
        probe.getNanosToWaitForRefill(), probe.getNanosToWaitForReset()));
  }

  @Override
  public Map<String, Object> health() {
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("status", "UP");
    health.put("store", "local");
    return health;
  }
}
