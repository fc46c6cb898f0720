package io.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aMeasuredPhaseShowsHowFarItIsAndAboutHowLongItHasLeft() {
    long[] done = {0};
    try (Progress progress = Progress.start(new PrintWriter(new StringWriter()))) {
      long start = System.nanoTime();
      progress.phase("reading big.csv", () -> done[0], 300_000_000, "MB", 1e6);
      done[0] = 100_000_000;

      assertThat(progress.line(start + 10 * SECOND)).matches("reading big.csv: 33% of 300 MB, 1\\d s, about 20 s left");
    }
  }

  @Test
  void buildingJourneysIsAPhaseOfItsOwn() {
    long[] built = {0};
    try (Progress progress = Progress.start(new PrintWriter(new StringWriter()))) {
      long start = System.nanoTime();
      progress.phase("building journeys", () -> built[0], 2_000_000, "events", 1);
      built[0] = 1_500_000;

      assertThat(progress.line(start + 30 * SECOND))
          .matches("building journeys: 75% of 2000000 events, \\d+ s, about 10 s left");
    }
  }

  @Test
  void anUnmeasuredPhaseShowsTheTimeSpent() {
    try (Progress progress = Progress.start(new PrintWriter(new StringWriter()))) {
      progress.phase("attributing");

      assertThat(progress.line(System.nanoTime())).matches("attributing, \\d+ s");
    }
  }

  @Test
  void longWaitsAreInMinutesOrHours() {
    long[] done = {25};
    try (Progress progress = Progress.start(new PrintWriter(new StringWriter()))) {
      long start = System.nanoTime();
      progress.phase("reading", () -> done[0], 100, "MB", 1);

      assertThat(progress.line(start + 600 * SECOND)).endsWith("about 30 min left");
      done[0] = 5;
      assertThat(progress.line(start + 600 * SECOND)).endsWith("about 3.2 h left");
    }
  }
}
