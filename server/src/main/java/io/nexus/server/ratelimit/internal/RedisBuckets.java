package io.nexus.server.ratelimit.internal;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Buckets in Redis, shared by every instance (Bucket4j's compare-and-swap on Lettuce), under {@code nexus:rate:*},
 * each expiring once it would be full again. When Redis fails, requests go through unlimited (fail open) and the store
 * steps aside for a few seconds instead of making every request wait for a timeout; health says so meanwhile.
 */
final class RedisBuckets implements BucketStore, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);
  private static final long BACKOFF_MILLIS = 2_000;

  private final RedisClient client;
  private volatile ProxyManager<byte[]> buckets;
  private volatile long downUntil;
  private volatile String downReason;
  private StatefulRedisConnection<String, String> pings;

  RedisBuckets(String url, Duration timeout) {
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(timeout);
    client = RedisClient.create(uri);
  }

  @Override
  public Optional<Decision> consume(String key, BucketConfiguration configuration) {
    if (System.currentTimeMillis() < downUntil) {
      return Optional.empty();
    }
    try {
      ConsumptionProbe probe = manager().builder().build(("nexus:rate:" + key).getBytes(StandardCharsets.UTF_8),
          () -> configuration).tryConsumeAndReturnRemaining(1);
      downReason = null;
      return Optional.of(new Decision(probe.isConsumed(), probe.getRemainingTokens(),
          probe.getNanosToWaitForRefill(), probe.getNanosToWaitForReset()));
    } catch (RuntimeException e) {
      if (downReason == null) {
        log.warn("Redis is not reachable for rate limits; requests go through unlimited until it is: {}",
            e.getMessage());
      }
      downReason = "Redis is not reachable: " + e.getClass().getSimpleName();
      downUntil = System.currentTimeMillis() + BACKOFF_MILLIS;
      return Optional.empty();
    }
  }

  private ProxyManager<byte[]> manager() {
    ProxyManager<byte[]> current = buckets;
    if (current == null) {
      synchronized (this) {
        current = buckets;
        if (current == null) {
          current = Bucket4jLettuce.casBasedBuilder(client)
              .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                  Duration.ofSeconds(10)))
              .build();
          buckets = current;
        }
      }
    }
    return current;
  }

  @Override
  public Map<String, Object> health() {
    try {
      ping().sync().ping();
      if (System.currentTimeMillis() >= downUntil) {
        downReason = null;
      }
    } catch (RuntimeException e) {
      downReason = "Redis is not reachable: " + e.getClass().getSimpleName();
      closePing();
    }
    Map<String, Object> health = new LinkedHashMap<>();
    String reason = downReason;
    health.put("status", reason == null ? "UP" : "DOWN");
    health.put("store", "redis");
    if (reason != null) {
      health.put("detail", reason + "; requests are not rate limited meanwhile");
    }
    return health;
  }

  private synchronized StatefulRedisConnection<String, String> ping() {
    if (pings == null) {
      pings = client.connect();
    }
    return pings;
  }

  private synchronized void closePing() {
    if (pings != null) {
      pings.closeAsync();
      pings = null;
    }
  }

  @Override
  public void destroy() {
    closePing();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
  }
}
