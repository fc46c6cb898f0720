package io.nexus.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress report on stderr for long runs: the phase, how far it is and about how long it has left when
 * that can be measured (reading, building journeys), the time spent. Silent for the first two seconds and whenever
 * stderr is not a terminal (pipes and CI logs stay clean). Thread-safe: the work sets the phase, a daemon thread
 * samples and prints it.
 */
final class Progress implements AutoCloseable {
  private static final long QUIET_MILLIS = 2_000;
  private static final long INTERVAL_MILLIS = 500;

  private final PrintWriter err;
  private final long started = System.nanoTime();
  private final Thread printer;
  private volatile Phase phase = new Phase("starting", () -> 0, 0, "", 1, System.nanoTime());
  private boolean printed;

  /** What is being done; {@code done} of {@code total} units (total 0 when unknown), shown divided by {@code scale}. */
  private record Phase(String name, LongSupplier done, long total, String unit, double scale, long since) {}

  private Progress(PrintWriter err, boolean enabled) {
    this.err = err;
    if (enabled) {
      printer = new Thread(this::run, "nexus-progress");
      printer.setDaemon(true);
      printer.start();
    } else {
      printer = null;
    }
  }

  /** A report shown only if stderr is a terminal. */
  static Progress start(PrintWriter err) {
    return new Progress(err, stderrIsTerminal());
  }

  /** A phase whose progress is not measured. */
  void phase(String name) {
    phase(name, () -> 0, 0, "", 1);
  }

  /** A phase that has done {@code done} of {@code total} units (total 0 or less when unknown). */
  void phase(String name, LongSupplier done, long total, String unit, double scale) {
    phase = new Phase(name, done, Math.max(0, total), unit, scale, System.nanoTime());
  }

  /** Prints a line of its own (a warning, a note), clearing the progress line first so that the two do not mix. */
  synchronized void say(String line) {
    if (printed) {
      err.print("\r\033[K");
      printed = false;
    }
    err.println(line);
    err.flush();
  }

  /** The line for the phase as it stands {@code now}; what {@link #run()} prints. */
  String line(long now) {
    Phase p = phase;
    long elapsed = (now - started) / 1_000_000_000L;
    long done = p.done().getAsLong();
    if (p.total() <= 0 || done <= 0 || done >= p.total()) {
      return String.format(Locale.ROOT, "%s, %d s", p.name(), elapsed);
    }
    double fraction = (double) done / p.total();
    double phaseSeconds = (now - p.since()) / 1e9;
    // The rate so far in this phase; too early to say within its first second.
    String left = phaseSeconds < 1 ? "" : ", about " + duration(phaseSeconds * (1 - fraction) / fraction) + " left";
    return String.format(Locale.ROOT, "%s: %.0f%% of %s %s, %d s%s", p.name(), 100 * fraction,
        amount(p.total() / p.scale()), p.unit(), elapsed, left);
  }

  private static String amount(double value) {
    return value >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s < 90 ? s + " s" : s < 5400 ? Math.round(s / 60.0) + " min" : String.format(Locale.ROOT, "%.1f h", s / 3600.0);
  }

  private void run() {
    try {
      Thread.sleep(QUIET_MILLIS);
      while (!Thread.currentThread().isInterrupted()) {
        String line = line(System.nanoTime());
        synchronized (this) {
          err.print("\r\033[K" + line);
          err.flush();
          printed = true;
        }
        Thread.sleep(INTERVAL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (printer == null) {
      return;
    }
    printer.interrupt();
    try {
      printer.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (printed) {
        err.print("\r\033[K");
        err.flush();
        printed = false;
      }
    }
  }

  private static boolean stderrIsTerminal() {
    try {
      Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
      String name = target.toString();
      return name.startsWith("/dev/pts/") || name.startsWith("/dev/tty");
    } catch (Exception e) {
      return System.console() != null;
    }
  }
}
