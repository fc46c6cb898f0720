package io.nexus.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress report on stderr for long runs: silent for the first two seconds and whenever stderr is not a
 * terminal (pipes and CI logs stay clean). Thread-safe: the work updates it, a daemon thread prints it.
 */
final class Progress implements AutoCloseable {
  private static final long QUIET_MILLIS = 2_000;

  private final PrintWriter err;
  private final long total;
  private final long started = System.currentTimeMillis();
  private final Thread printer;
  private volatile String phase;
  private volatile long done;
  private volatile boolean printed;

  private Progress(PrintWriter err, String phase, long total, boolean enabled) {
    this.err = err;
    this.phase = phase;
    this.total = total;
    if (enabled) {
      printer = new Thread(this::run, "nexus-progress");
      printer.setDaemon(true);
      printer.start();
    } else {
      printer = null;
    }
  }

  /** Progress through {@code total} bytes of input, shown only if stderr is a terminal. */
  static Progress start(PrintWriter err, String phase, long total) {
    return new Progress(err, phase, total, stderrIsTerminal());
  }

  void advance(long bytes) {
    done = bytes;
  }

  void phase(String name) {
    phase = name;
  }

  private void run() {
    try {
      Thread.sleep(QUIET_MILLIS);
      while (!Thread.currentThread().isInterrupted()) {
        long elapsed = (System.currentTimeMillis() - started) / 1000;
        String line = total > 0 && done > 0 && done < total
            ? String.format(Locale.ROOT, "%s: %.0f%% of %.1f MB, %d s", phase, 100.0 * done / total, total / 1e6,
                elapsed)
            : String.format(Locale.ROOT, "%s, %d s", phase, elapsed);
        synchronized (this) {
          err.print("\r\033[K" + line);
          err.flush();
          printed = true;
        }
        Thread.sleep(500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (printer != null) {
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
        }
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
