package io.nexus.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Phase timings on stderr when the environment sets {@code NEXUS_TIMING=1}, for benchmarks; silent otherwise.
 * Times count from JVM start, so the first mark includes start-up. Not thread-safe.
 */
final class Timing {
  private final PrintWriter err;
  private final boolean enabled = "1".equals(System.getenv("NEXUS_TIMING"));
  private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

  Timing(PrintWriter err) {
    this.err = err;
    mark("started");
  }

  void mark(String phase) {
    if (enabled) {
      err.printf(Locale.ROOT, "timing: %5d ms  %s%n", System.currentTimeMillis() - jvmStart, phase);
      err.flush();
    }
  }
}
