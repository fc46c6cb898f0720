package io.nexus.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ChannelAttribution's path format: the job reads it as the command line does and agrees with the package. */
class PathInputTest {
  /**
   * ChannelAttribution's sample beside the checkout in {@code ../shared}; tests that need it are skipped, with the
   * reason, in a checkout that has no such folder beside it.
   */
  private static Path sample() {
    Path sample = Path.of(System.getProperty("nexus.root", "..")).resolve(
        "../shared/datasets/channelattribution_sample.csv").toAbsolutePath().normalize();
    Assumptions.assumeTrue(Files.isRegularFile(sample),
        () -> "ChannelAttribution's sample is not beside this checkout (" + sample + "): published numbers not compared");
    return sample;
  }

  static final String PATH_MODELS = "first_touch,last_touch,last_non_direct,linear,position_based,j_shaped,"
      + "inverse_j,w_shaped,participation,markov,markov(order=2),shapley,counterfactual";

  @TempDir Path dir;

  @Test
  void channelAttributionsSampleGivesItsPackagesHeuristicNumbers() throws Exception {
    AttributionJob.run(LocalSpark.session(), "--input", sample().toString(), "--models", "first_touch,last_touch,linear",
        "--output", dir.resolve("out").toString());
    Map<String, double[]> totals = LocalSpark.totals(dir.resolve("out/channel_totals.csv"));

    // heuristic_models(Data, ...) of ChannelAttribution on its own sample (shared/datasets/README.md).
    Object[][] published = {
        {"alpha", 6308, 8447, 7574.7186}, {"beta", 2831, 989, 2083.5001}, {"delta", 1, 5, 1.7250},
        {"epsilon", 99, 531, 272.1704}, {"eta", 3164, 4167, 3539.9512}, {"gamma", 165, 92, 121.0416},
        {"iota", 4606, 3355, 3857.0962}, {"kappa", 74, 230, 137.9641}, {"lambda", 902, 1207, 1035.2576},
        {"mi", 2, 2, 2.2222}, {"theta", 1606, 653, 1022.8014}, {"zeta", 27, 107, 136.5515}};
    for (Object[] row : published) {
      String channel = (String) row[0];
      assertThat(totals.get("first_touch|" + channel)[0]).as(channel).isEqualTo(((Integer) row[1]).doubleValue());
      assertThat(totals.get("last_touch|" + channel)[0]).as(channel).isEqualTo(((Integer) row[2]).doubleValue());
      assertThat(totals.get("linear|" + channel)[0]).as(channel).isCloseTo((Double) row[3], within(0.00005));
    }
    assertThat(totals).hasSize(3 * 12);
  }

  @Test
  void channelAttributionsSampleGivesTheCommandLinesNumbersUnderEveryPathModel() throws Exception {
    AttributionJob.run(LocalSpark.session(), "--input", sample().toString(), "--models", PATH_MODELS,
        "--partitions", "3", "--output", dir.resolve("out").toString());
    LocalSpark.nexus("attribute", "--input", sample().toString(), "--models", PATH_MODELS,
        "--output", dir.resolve("cli.csv").toString());

    Totals.assertSame(LocalSpark.totals(dir.resolve("out/channel_totals.csv")),
        LocalSpark.totals(dir.resolve("cli.csv")));
  }

  @Test
  void generatedPathsWithATransformGiveTheCommandLinesNumbers() throws Exception {
    Path paths = LocalSpark.paths(dir, 3_000, 9, 5);
    String models = "first_touch,linear,markov(order=2),shapley,counterfactual";
    AttributionJob.run(LocalSpark.session(), "--input", paths.toString(), "--transform", "exposure", "--models",
        models, "--output", dir.resolve("out").toString());
    LocalSpark.nexus("attribute", "--input", paths.toString(), "--transform", "exposure", "--models", models,
        "--output", dir.resolve("cli.csv").toString());

    Totals.assertSame(LocalSpark.totals(dir.resolve("out/channel_totals.csv")),
        LocalSpark.totals(dir.resolve("cli.csv")));
  }

  @Test
  void pathRowsAreNumberedInInputOrderAsTheCommandLineNumbersThem() throws Exception {
    // Split over several partitions: the numbering must continue across them.
    Path paths = LocalSpark.paths(dir, 2_000, 5, 9);
    AttributionJob.run(LocalSpark.session(), "--input", paths.toString(), "--models", "linear", "--output",
        dir.resolve("out").toString());
    LocalSpark.nexus("attribute", "--input", paths.toString(), "--models", "linear", "--output",
        dir.resolve("cli.csv").toString(), "--journey-credits", dir.resolve("credits.csv").toString());
    Map<String, Double> expected = new HashMap<>();
    List<String> lines = Files.readAllLines(dir.resolve("credits.csv"), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      expected.put(cells[0] + "|" + cells[2], Double.parseDouble(cells[3]));
    }

    Map<String, Double> actual = new HashMap<>();
    for (Row row : LocalSpark.session().read().parquet(dir.resolve("out/journey_credits").toString())
        .collectAsList()) {
      actual.put(row.getString(0) + "|" + row.getString(3), row.getDouble(4));
      assertThat(row.isNullAt(1)).as("path rows have no user").isTrue();
    }
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((key, credit) -> assertThat(actual.get(key)).as(key).isCloseTo(credit, within(1e-12)));
  }
}
