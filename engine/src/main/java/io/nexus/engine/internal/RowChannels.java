package io.nexus.engine.internal;

import io.nexus.engine.JourneyBatch;
import java.util.Arrays;

/**
 * The distinct channels of one row (or of its first touches) and how often each is touched, computed without
 * allocation into a per-thread scratch object; confined to the calling thread and valid until that thread's next
 * {@link #of} call.
 */
public final class RowChannels {
  private static final ThreadLocal<RowChannels> LOCAL = ThreadLocal.withInitial(RowChannels::new);

  private int[] counts = new int[64];
  private int[] distinct = new int[64];
  private int size;

  private RowChannels() {}

  /** The distinct channels of row {@code row}, in order of first touch. */
  public static RowChannels of(JourneyBatch batch, int row) {
    return of(batch, row, batch.length(row));
  }

  /** The distinct channels of the first {@code touches} touches of row {@code row}, in order of first touch. */
  public static RowChannels of(JourneyBatch batch, int row, int touches) {
    RowChannels channels = LOCAL.get();
    channels.load(batch, row, touches);
    return channels;
  }

  private void load(JourneyBatch batch, int row, int touches) {
    for (int i = 0; i < size; i++) {
      counts[distinct[i]] = 0;
    }
    size = 0;
    for (int i = batch.start(row), end = i + touches; i < end; i++) {
      int channel = batch.channel(i);
      if (channel >= counts.length) {
        counts = Arrays.copyOf(counts, Math.max(counts.length * 2, channel + 1));
      }
      if (counts[channel]++ == 0) {
        if (size == distinct.length) {
          distinct = Arrays.copyOf(distinct, size * 2);
        }
        distinct[size++] = channel;
      }
    }
  }

  /** The number of distinct channels. */
  public int size() {
    return size;
  }

  /** The {@code k}-th distinct channel in order of first touch. */
  public int channel(int k) {
    return distinct[k];
  }

  /** How many touches of the row are on {@code channel}. */
  public int count(int channel) {
    return channel < counts.length ? counts[channel] : 0;
  }

  /** Copies the distinct channels, sorted ascending, into {@code out} and returns how many there are. */
  public int sortedInto(int[] out) {
    System.arraycopy(distinct, 0, out, 0, size);
    Arrays.sort(out, 0, size);
    return size;
  }
}
