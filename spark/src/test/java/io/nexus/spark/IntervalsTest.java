package io.nexus.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --intervals N}: bootstrap intervals with the replicates computed on the executors. */
class IntervalsTest {
  private static final String HEADER = "model,channel,attributed_conversions,attributed_value,attributed_value_low,"
      + "attributed_value_high,attributed_conversions_low,attributed_conversions_high,rank_change_share";

  @TempDir Path dir;

  @Test
  void touchpointsGetIntervalsAroundTheCommandLinesTotalsTheSameForTheSameSeed() throws Exception {
    Path events = LocalSpark.touchpoints(dir, 4_000, 5, 3);
    for (String run : List.of("a", "b")) {
      AttributionJob.run(LocalSpark.session(), "--input", events.toString(), "--format", "touchpoints",
          "--models", "linear,markov", "--intervals", "30", "--seed", "5", "--partitions", "3",
          "--no-journey-credits", "--output", dir.resolve(run).toString());
    }
    LocalSpark.nexus("attribute", "--input", events.toString(), "--format", "touchpoints", "--models",
        "linear,markov", "--output", dir.resolve("cli.csv").toString());

    List<String> lines = Files.readAllLines(dir.resolve("a/channel_totals.csv"));
    assertThat(lines.get(0)).isEqualTo(HEADER);
    // The same seed, the same intervals: to the last digits but those that the order of the cluster's merges of
    // Markov's counts moves (the point estimates' too, see docs/spark.md).
    List<String> again = Files.readAllLines(dir.resolve("b/channel_totals.csv"));
    assertThat(again).hasSameSizeAs(lines);
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      String[] g = again.get(i).split(",");
      for (int k = 2; k < f.length; k++) {
        assertThat(Double.parseDouble(g[k])).as(lines.get(i))
            .isCloseTo(Double.parseDouble(f[k]), within(1e-9 * Math.max(1, Math.abs(Double.parseDouble(f[k])))));
      }
    }
    Totals.assertSame(LocalSpark.totals(dir.resolve("a/channel_totals.csv")),
        LocalSpark.totals(dir.resolve("cli.csv")));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double conversions = Double.parseDouble(f[2]);
      double value = Double.parseDouble(f[3]);
      assertThat(Double.parseDouble(f[4])).as(line).isLessThanOrEqualTo(value);
      assertThat(Double.parseDouble(f[5])).as(line).isGreaterThanOrEqualTo(value).isGreaterThan(Double.parseDouble(f[4]));
      assertThat(Double.parseDouble(f[6])).as(line).isLessThanOrEqualTo(conversions);
      assertThat(Double.parseDouble(f[7])).as(line).isGreaterThanOrEqualTo(conversions);
    }
  }

  @Test
  void pathFilesGetIntervalsToo() throws Exception {
    Path paths = LocalSpark.paths(dir, 3_000, 5, 8);
    AttributionJob.run(LocalSpark.session(), "--input", paths.toString(), "--models", "first_touch,markov",
        "--intervals", "20", "--partitions", "2", "--no-journey-credits", "--output", dir.resolve("out").toString());

    List<String> lines = Files.readAllLines(dir.resolve("out/channel_totals.csv"));
    assertThat(lines.get(0)).isEqualTo(HEADER);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      assertThat(Double.parseDouble(f[4])).as(line).isLessThanOrEqualTo(Double.parseDouble(f[3]));
      assertThat(Double.parseDouble(f[5])).as(line).isGreaterThanOrEqualTo(Double.parseDouble(f[3]));
    }
  }

  @Test
  void badIntervalOptionsAreRefusedBeforeAnyWork() {
    assertThatThrownBy(() -> AttributionJob.run(LocalSpark.session(), "--input", dir.toString(), "--intervals", "1",
        "--output", dir.resolve("out").toString()))
        .isInstanceOf(JobException.class).hasMessageContaining("--intervals 1");
    assertThatThrownBy(() -> AttributionJob.run(LocalSpark.session(), "--input", dir.toString(), "--intervals", "10",
        "--confidence", "1.5", "--output", dir.resolve("out").toString()))
        .isInstanceOf(JobException.class).hasMessageContaining("--confidence 1.5");
  }
}
