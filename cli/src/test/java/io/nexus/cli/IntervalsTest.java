package io.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nexus attribute --intervals N [--confidence C] [--seed S]}: bootstrap intervals beside the totals. */
class IntervalsTest {
  private static final String HEADER = "model,channel,attributed_conversions,attributed_value,attributed_value_low,"
      + "attributed_value_high,attributed_conversions_low,attributed_conversions_high,rank_change_share";

  @TempDir
  Path dir;

  private Path paths() throws IOException {
    Path file = dir.resolve("p.csv");
    Files.writeString(file, String.join("\n", "path,total_conversions,total_conversion_value,total_null",
        "a > b,40,400,60", "b,25,300,80", "c > a,30,270,50", "c,10,90,90", "a > c > b,15,200,35") + "\n");
    return file;
  }

  @Test
  void addsTheIntervalColumnsAfterTheTotalsWhichStayAsTheyAre() throws IOException {
    CommandRun plain = CommandRun.of("attribute", "--input", paths().toString());
    CommandRun withIntervals = CommandRun.of("attribute", "--input", paths().toString(), "--intervals", "100");

    assertThat(withIntervals.exitCode()).as(withIntervals.err()).isZero();
    List<String> lines = withIntervals.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo(HEADER);
    List<String> plainLines = plain.out().lines().toList();
    assertThat(lines).hasSameSizeAs(plainLines);
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      assertThat(String.join(",", f[0], f[1], f[2], f[3])).isEqualTo(plainLines.get(i));
      double conversions = Double.parseDouble(f[2]);
      double value = Double.parseDouble(f[3]);
      assertThat(Double.parseDouble(f[4])).isLessThanOrEqualTo(value);
      assertThat(Double.parseDouble(f[5])).isGreaterThanOrEqualTo(value);
      assertThat(Double.parseDouble(f[6])).isLessThanOrEqualTo(conversions);
      assertThat(Double.parseDouble(f[7])).isGreaterThanOrEqualTo(conversions);
      assertThat(Double.parseDouble(f[8])).isBetween(0.0, 1.0);
    }
  }

  @Test
  void theSameSeedWritesTheSameIntervalsAndAnotherSeedOthers() throws IOException {
    String input = paths().toString();
    CommandRun first = CommandRun.of("attribute", "-i", input, "--intervals", "50", "--seed", "9");
    CommandRun again = CommandRun.of("attribute", "-i", input, "--intervals", "50", "--seed", "9");
    CommandRun other = CommandRun.of("attribute", "-i", input, "--intervals", "50", "--seed", "10");

    assertThat(again.out()).isEqualTo(first.out());
    assertThat(other.out()).isNotEqualTo(first.out());
  }

  @Test
  void aHigherConfidenceGivesWiderIntervals() throws IOException {
    String input = paths().toString();
    CommandRun ninety = CommandRun.of("attribute", "-i", input, "-m", "linear", "--intervals", "200");
    CommandRun ninetyNine = CommandRun.of("attribute", "-i", input, "-m", "linear", "--intervals", "200",
        "--confidence", "0.99");

    List<String> narrow = ninety.out().lines().skip(1).toList();
    List<String> wide = ninetyNine.out().lines().skip(1).toList();
    for (int i = 0; i < narrow.size(); i++) {
      assertThat(width(wide.get(i))).isGreaterThan(width(narrow.get(i)));
    }
  }

  private static double width(String line) {
    String[] f = line.split(",");
    return Double.parseDouble(f[5]) - Double.parseDouble(f[4]);
  }

  @Test
  void tooFewReplicatesAreRefused() throws IOException {
    CommandRun run = CommandRun.of("attribute", "-i", paths().toString(), "--intervals", "1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--intervals 1").contains("between 2 and");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aConfidenceOutsideZeroToOneIsRefused() throws IOException {
    CommandRun run = CommandRun.of("attribute", "-i", paths().toString(), "--intervals", "20", "--confidence", "90");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--confidence 90").contains("between 0 and 1");
  }

  @Test
  void aReplicateCountThatIsNoNumberIsRefused() throws IOException {
    CommandRun run = CommandRun.of("attribute", "-i", paths().toString(), "--intervals", "many");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--intervals").contains("many");
  }

  @Test
  void aSeedWithoutIntervalsIsWorthAWarning() throws IOException {
    CommandRun run = CommandRun.of("attribute", "-i", paths().toString(), "--seed", "3");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("warning: --seed does nothing without --intervals N");
  }
}
