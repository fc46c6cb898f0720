package io.nexus.engine.batch;

/** Per-thread int buffers for models that must copy a row's channels to look them up; confined to one thread. */
public final class Scratch {
  private static final ThreadLocal<int[]> INTS = ThreadLocal.withInitial(() -> new int[64]);

  private Scratch() {}

  /** This thread's int buffer of at least {@code length} elements; valid until the thread asks again. */
  public static int[] ints(int length) {
    int[] buffer = INTS.get();
    if (buffer.length < length) {
      buffer = new int[Math.max(length, buffer.length * 2)];
      INTS.set(buffer);
    }
    return buffer;
  }

  /** Copies the channel ids of row {@code row}'s first {@code n} touches into this thread's buffer and returns it. */
  public static int[] path(JourneyBatch batch, int row, int n) {
    int[] buffer = ints(n);
    for (int i = 0, t = batch.start(row); i < n; i++, t++) {
      buffer[i] = batch.channel(t);
    }
    return buffer;
  }
}
