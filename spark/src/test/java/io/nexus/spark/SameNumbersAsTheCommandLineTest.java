package io.nexus.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.nexus.engine.Journey;
import io.nexus.engine.journey.JourneyBuilder;
import io.nexus.formats.touchpoints.TouchpointFileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job on generated touchpoints gives the numbers {@code nexus attribute} gives on the same file: every model's
 * channel totals, every journey's credits.
 */
class SameNumbersAsTheCommandLineTest {
  static final String MODELS = "first_touch,last_touch,last_non_direct,linear,time_decay(half_life=3),position_based,"
      + "j_shaped,inverse_j,w_shaped,participation,markov,markov(order=3),shapley,counterfactual";

  @TempDir static Path dir;
  static Path input;
  static JobSummary summary;
  static SparkSession spark;

  @BeforeAll
  static void runBoth() throws Exception {
    spark = LocalSpark.session();
    input = LocalSpark.touchpoints(dir, 4_000, 8, 11);
    summary = AttributionJob.run(spark, "--input", input.toString(), "--models", MODELS, "--output",
        dir.resolve("spark").toString());
    LocalSpark.nexus("attribute", "--input", input.toString(), "--format", "touchpoints", "--models", MODELS,
        "--output", dir.resolve("cli.csv").toString(), "--journey-credits", dir.resolve("cli-credits.csv").toString());
  }

  @Test
  void everyModelsChannelTotalsEqualTheCommandLines() throws Exception {
    Totals.assertSame(LocalSpark.totals(dir.resolve("spark/channel_totals.csv")),
        LocalSpark.totals(dir.resolve("cli.csv")));
  }

  @Test
  void journeysAreBuiltPerUserExactlyAsOnOneMachine() throws Exception {
    JourneyBuilder.Result local = JourneyBuilder.defaults().build(TouchpointFileReader.read(input));
    Set<String> users = new HashSet<>();
    long converting = 0;
    long touches = 0;
    for (Journey journey : local.journeys()) {
      users.add(journey.userId());
      converting += journey.converted() ? 1 : 0;
      touches += journey.touchpoints().size();
    }

    assertThat(summary.rowsRead()).isEqualTo(4_000);
    assertThat(summary.rowsRejected()).isZero();
    assertThat(summary.users()).isEqualTo(users.size());
    assertThat(summary.journeys()).isEqualTo(local.journeys().size());
    assertThat(summary.convertingJourneys()).isEqualTo(converting);
    assertThat(summary.touches()).isEqualTo(touches);
    assertThat(summary.expiredTouches()).isEqualTo(local.expiredTouches());
  }

  @Test
  void journeyCreditsEqualTheCommandLinesJourneyCredits() throws Exception {
    Map<String, Double> expected = LocalSpark.commandLineCredits(dir.resolve("cli-credits.csv"));
    Map<String, Double> actual = LocalSpark.jobCredits(dir.resolve("spark/journey_credits"));
    for (Row row : spark.read().parquet(dir.resolve("spark/journey_credits").toString()).collectAsList()) {
      assertThat(row.getString(0)).startsWith(row.getString(1) + "#");
    }

    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((key, credit) -> assertThat(actual.get(key)).as(key).isCloseTo(credit,
        offset(1e-9)));
    assertThat(summary.creditRows()).isEqualTo(expected.size());
  }

  @Test
  void journeyCreditsSumToEachJourneysValue() throws Exception {
    Map<String, Double> values = new HashMap<>();
    for (Journey journey : JourneyBuilder.defaults().build(TouchpointFileReader.read(input)).journeys()) {
      if (journey.converted() && !journey.touchpoints().isEmpty()) {
        values.put(journey.id().toString(), journey.conversionValue().doubleValue());
      }
    }
    List<Row> sums = spark.read().parquet(dir.resolve("spark/journey_credits").toString())
        .filter(col("model").notEqual("participation"))
        .groupBy("journey_id", "model").agg(sum("credit"), sum("attributed_value")).collectAsList();

    assertThat(sums).hasSize(values.size() * 13);
    for (Row row : sums) {
      double value = values.get(row.getString(0));
      assertThat(row.getDouble(2)).as("credits of %s under %s", row.getString(0), row.getString(1))
          .isCloseTo(1.0, offset(1e-9));
      assertThat(row.getDouble(3)).as("value of %s under %s", row.getString(0), row.getString(1))
          .isCloseTo(value, offset(1e-9 * Math.max(1, value)));
    }
  }

  @Test
  void journeyCreditsAddUpToTheChannelTotalsForEveryAdditiveModelMarkovIncluded() throws Exception {
    Map<String, double[]> totals = LocalSpark.totals(dir.resolve("spark/channel_totals.csv"));
    List<Row> sums = spark.read().parquet(dir.resolve("spark/journey_credits").toString())
        .filter(col("model").notEqual("participation"))
        .groupBy("model", "channel").agg(sum("attributed_conversions"), sum("attributed_value")).collectAsList();

    assertThat(sums).hasSize((int) totals.keySet().stream().filter(k -> !k.startsWith("participation")).count());
    for (Row row : sums) {
      double[] total = totals.get(row.getString(0) + "|" + row.getString(1));
      assertThat(row.getDouble(2)).as("conversions of %s under %s", row.getString(1), row.getString(0))
          .isCloseTo(total[0], offset(1e-9 * Math.max(1, total[0])));
      assertThat(row.getDouble(3)).as("value of %s under %s", row.getString(1), row.getString(0))
          .isCloseTo(total[1], offset(1e-9 * Math.max(1, total[1])));
    }
  }

  @Test
  void theSameInputGivesTheSameTotalsFileByteForByteOnEveryRun() throws Exception {
    // Two tasks at a time finish in any order; the data-driven models' statistics are merged in partition order.
    String models = "markov,markov(order=3),shapley,counterfactual";
    for (String run : List.of("again-1", "again-2")) {
      AttributionJob.run(spark, "--input", input.toString(), "--models", models, "--partitions", "7",
          "--no-journey-credits", "--output", dir.resolve(run).toString());
    }

    assertThat(Files.readAllBytes(dir.resolve("again-2/channel_totals.csv")))
        .isEqualTo(Files.readAllBytes(dir.resolve("again-1/channel_totals.csv")));
  }

  @Test
  void parquetInputGivesTheSameTotals() throws Exception {
    // Typed columns as a warehouse export has them: an instant, a double cost, an integer flag, a decimal revenue.
    Path parquet = dir.resolve("touchpoints.parquet");
    spark.read().option("header", "true").csv(input.toString())
        .withColumn("timestamp", to_timestamp(col("timestamp")))
        .withColumn("cost", col("cost").cast(DataTypes.DoubleType))
        .withColumn("conversion", col("conversion").cast(DataTypes.IntegerType))
        .withColumn("revenue", col("revenue").cast(DataTypes.createDecimalType(12, 2)))
        .repartition(3).write().parquet(parquet.toString());

    JobSummary fromParquet = AttributionJob.run(spark, "--input", parquet.toString(), "--models",
        "first_touch,linear,time_decay(half_life=3),w_shaped,markov,shapley,counterfactual",
        "--output", dir.resolve("from-parquet").toString());

    assertThat(fromParquet.rowsRejected()).isZero();
    Map<String, double[]> cli = LocalSpark.totals(dir.resolve("cli.csv"));
    cli.keySet().removeIf(key -> !List.of("first_touch", "linear", "time_decay(half_life=3)", "w_shaped", "markov",
        "shapley", "counterfactual").contains(key.substring(0, key.indexOf('|'))));
    Totals.assertSame(LocalSpark.totals(dir.resolve("from-parquet/channel_totals.csv")), cli);
  }
}
