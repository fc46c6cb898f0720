package io.nexus.server.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Two instances on the same Redis share one bucket per key: the limit is the service's, not each instance's. */
class RedisBucketsTest {
  private static final BucketConfiguration THREE_PER_MINUTE = BucketConfiguration.builder()
      .addLimit(Bandwidth.builder().capacity(3).refillGreedy(3, Duration.ofMinutes(1)).build()).build();

  @Test
  void instancesOnOneRedisShareTheBucket() throws Exception {
    RedisBuckets first = new RedisBuckets("redis://127.0.0.1:6379", Duration.ofSeconds(1));
    RedisBuckets second = new RedisBuckets("redis://127.0.0.1:6379", Duration.ofSeconds(1));
    try {
      String key = "test:" + UUID.randomUUID();
      assertThat(first.consume(key, THREE_PER_MINUTE).orElseThrow().allowed()).isTrue();
      assertThat(second.consume(key, THREE_PER_MINUTE).orElseThrow().allowed()).isTrue();
      assertThat(first.consume(key, THREE_PER_MINUTE).orElseThrow().remaining()).isZero();
      BucketStore.Decision refused = second.consume(key, THREE_PER_MINUTE).orElseThrow();
      assertThat(refused.allowed()).isFalse();
      assertThat(refused.nanosToNextToken()).isBetween(1L, Duration.ofSeconds(20).toNanos());
    } finally {
      first.destroy();
      second.destroy();
    }
  }

  @Test
  void aRedisOutOfReachDecidesNothing() throws Exception {
    RedisBuckets down = new RedisBuckets("redis://127.0.0.1:6399", Duration.ofMillis(500));
    try {
      assertThat(down.consume("test:" + UUID.randomUUID(), THREE_PER_MINUTE)).isEmpty();
      assertThat(down.health()).containsEntry("status", "DOWN");
    } finally {
      down.destroy();
    }
  }
}
