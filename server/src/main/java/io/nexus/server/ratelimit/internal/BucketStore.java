package io.nexus.server.ratelimit.internal;

import io.github.bucket4j.BucketConfiguration;
import java.util.Map;
import java.util.Optional;

/** Where the token buckets live: in this process or in Redis; thread-safe. */
interface BucketStore {

  /** Takes one token from the bucket {@code key} (made with {@code configuration} if new); empty when unknowable. */
  Optional<Decision> consume(String key, BucketConfiguration configuration);

  /** The store's part of the health answer: {@code status} UP or DOWN, {@code store} and a {@code detail}. */
  Map<String, Object> health();

  /** Whether the request may go on, the tokens left and the nanoseconds until one more, or all, are back. */
  record Decision(boolean allowed, long remaining, long nanosToNextToken, long nanosToFull) {}
}
