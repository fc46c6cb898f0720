package io.nexus.engine.shapley;

import io.nexus.engine.JourneyBatch;

/**
 * This thread's buffer of channel ids, for the Shapley and counterfactual models that copy a row's channels (or its
 * channel set) to look them up as a key; confined to the calling thread and valid until it asks again.
 */
final class ChannelIdBuffer {
  private static final ThreadLocal<int[]> IDS = ThreadLocal.withInitial(() -> new int[64]);

  private ChannelIdBuffer() {}

  /** This thread's buffer of at least {@code length} elements. */
  static int[] ofLength(int length) {
    int[] buffer = IDS.get();
    if (buffer.length < length) {
      buffer = new int[Math.max(length, buffer.length * 2)];
      IDS.set(buffer);
    }
    return buffer;
  }

  /** This thread's buffer holding the channel ids of row {@code row}'s first {@code n} touches. */
  static int[] path(JourneyBatch batch, int row, int n) {
    int[] buffer = ofLength(n);
    for (int i = 0, t = batch.start(row); i < n; i++, t++) {
      buffer[i] = batch.channel(t);
    }
    return buffer;
  }
}
