package io.nexus.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.nexus.engine.Journey;
import io.nexus.engine.journey.JourneyBuilder;
import io.nexus.formats.InputFile;
import io.nexus.formats.ga4.Ga4ExportReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format ga4-export}: the Spark job reads GA4's BigQuery export, as NDJSON or as Parquet, into the journeys
 * and numbers {@code nexus attribute --format ga4-export} gives on the same events: rule-based models' totals byte for
 * byte, Markov's and Shapley's within 1e-12 relative.
 */
class Ga4ExportTest {
  static final String MODELS = "first_touch,last_touch,last_non_direct,linear,time_decay(half_life=3),position_based,"
      + "markov,markov(order=2),shapley";
  /** Fewer models where the point is how rows are read, not how models are totalled. */
  static final String FEW_MODELS = "first_touch,last_touch,linear,markov,shapley";
  static final Path EXAMPLE = Path.of("..", "examples", "ga4-export", "events.ndjson.gz").toAbsolutePath().normalize();

  @TempDir static Path dir;
  static SparkSession spark;
  static JobSummary ndjson;
  static JobSummary parquet;
  static Path parquetDir;

  @BeforeAll
  static void runOnTheExample() throws Exception {
    spark = LocalSpark.session();
    LocalSpark.nexus("attribute", "--input", EXAMPLE.toString(), "--format", "ga4-export", "--models", MODELS,
        "--output", dir.resolve("cli.csv").toString(), "--journey-credits", dir.resolve("cli-credits.csv").toString());
    ndjson = AttributionJob.run(spark, "--input", EXAMPLE.toString(), "--format", "ga4-export", "--models", MODELS,
        "--output", dir.resolve("ndjson").toString());
    parquetDir = dir.resolve("export-parquet");
    writeParquet(EXAMPLE, parquetDir);
    parquet = AttributionJob.run(spark, "--input", parquetDir.toString(), "--format", "ga4-export", "--models",
        MODELS, "--no-journey-credits", "--output", dir.resolve("parquet").toString());
  }

  /**
   * The export as {@code bq extract --destination_format PARQUET} writes it: BigQuery's types (INT64 timestamps and
   * integer parameters, FLOAT64 revenue), nested as in the table, in several files that keep the rows' order.
   */
  static void writeParquet(Path ndjson, Path out) {
    spark.read().json(ndjson.toString()).selectExpr(
            "event_date", "cast(event_timestamp as bigint) as event_timestamp", "event_name",
            "transform(event_params, p -> named_struct('key', p.key, 'value', named_struct("
                + "'string_value', p.value.string_value, 'int_value', cast(p.value.int_value as bigint), "
                + "'float_value', cast(p.value.float_value as double), "
                + "'double_value', cast(p.value.double_value as double)))) as event_params",
            "user_id", "user_pseudo_id", "device", "traffic_source", "collected_traffic_source",
            "session_traffic_source_last_click",
            "named_struct('transaction_id', ecommerce.transaction_id, "
                + "'purchase_revenue', cast(ecommerce.purchase_revenue as double)) as ecommerce")
        .coalesce(1).write().option("maxRecordsPerFile", 150).parquet(out.toString());
  }

  @Test
  void ndjsonGivesTheCommandLinesTotals() throws IOException {
    Totals.assertSameLines(lines(dir.resolve("ndjson/channel_totals.csv")), lines(dir.resolve("cli.csv")));
  }

  @Test
  void parquetInSeveralFilesGivesTheCommandLinesTotals() throws IOException {
    try (Stream<Path> files = Files.list(parquetDir)) {
      assertThat(files.filter(f -> f.toString().endsWith(".parquet")).count()).isGreaterThan(3);
    }
    Totals.assertSameLines(lines(dir.resolve("parquet/channel_totals.csv")), lines(dir.resolve("cli.csv")));
    assertThat(parquet.layout()).isEqualTo("ga4-export");
  }

  @Test
  void journeysAreTheCommandLinesSessionsAndPurchases() throws Exception {
    JourneyBuilder.Result local = JourneyBuilder.defaults().build(Ga4ExportReader.read(InputFile.open(EXAMPLE,
        null)));
    long converting = local.journeys().stream().filter(Journey::converted).count();
    long touches = local.journeys().stream().mapToLong(j -> j.touchpoints().size()).sum();

    for (JobSummary summary : List.of(ndjson, parquet)) {
      assertThat(summary.rowsRead()).isEqualTo(800);
      assertThat(summary.rowsRejected()).isZero();
      assertThat(summary.users()).isEqualTo(300);
      assertThat(summary.journeys()).isEqualTo(local.journeys().size());
      assertThat(summary.convertingJourneys()).isEqualTo(converting);
      assertThat(summary.touches()).isEqualTo(touches);
      assertThat(summary.notes()).anyMatch(n -> n.matches("\\d+ purchases left out: their transaction id came on "
          + "an earlier row"));
    }
  }

  @Test
  void journeyCreditsAreTheCommandLines() throws IOException {
    Map<String, Double> expected = LocalSpark.commandLineCredits(dir.resolve("cli-credits.csv"));
    Map<String, Double> actual = LocalSpark.jobCredits(dir.resolve("ndjson/journey_credits"));

    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((key, credit) -> assertThat(actual.get(key)).as(key).isCloseTo(credit, offset(1e-12)));
  }

  @Test
  void aFileSplitOverManyPartitionsKeepsTheFirstPurchaseOfATransactionAndEachSessionsFirstSource() throws Exception {
    // Transactions repeated across users and files' splits, a repeat earlier in time than its first row, sessions
    // whose rows are far apart, blank lines: what only a whole-file order gets right.
    Path tricky = dir.resolve("tricky.ndjson");
    writeTricky(tricky, 300, 7);
    LocalSpark.nexus("attribute", "--input", tricky.toString(), "--format", "ga4-export", "--models", FEW_MODELS,
        "--output", dir.resolve("tricky-cli.csv").toString());
    String before = spark.conf().get("spark.sql.files.maxPartitionBytes");
    JobSummary summary;
    try {
      spark.conf().set("spark.sql.files.maxPartitionBytes", "48k");
      summary = AttributionJob.run(spark, "--input", tricky.toString(), "--format", "ga4-export", "--models",
          FEW_MODELS, "--partitions", "3", "--no-journey-credits", "--output", dir.resolve("tricky").toString());
      assertThat(spark.read().json(tricky.toString()).rdd().getNumPartitions()).isGreaterThan(5);
    } finally {
      spark.conf().set("spark.sql.files.maxPartitionBytes", before);
    }

    Totals.assertSameLines(lines(dir.resolve("tricky/channel_totals.csv")), lines(dir.resolve("tricky-cli.csv")));
    Ga4ExportReader.Result local = Ga4ExportReader.readAll(Files.newBufferedReader(tricky));
    JourneyBuilder.Result journeys = JourneyBuilder.defaults()
        .build(local.events().stream().map(Ga4ExportReader.Ga4Event::event).toList());
    assertThat(local.duplicatePurchases()).isGreaterThan(10);
    assertThat(summary.notes()).contains(local.duplicatePurchases()
        + " purchases left out: their transaction id came on an earlier row");
    assertThat(summary.journeys()).isEqualTo(journeys.journeys().size());
    assertThat(summary.touches()).isEqualTo(journeys.journeys().stream().mapToLong(j -> j.touchpoints().size()).sum());
  }

  @Test
  void gzipAndPlainNdjsonGiveTheSameFile() throws Exception {
    Path plain = dir.resolve("plain/events.ndjson");
    Files.createDirectories(plain.getParent());
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(EXAMPLE))) {
      Files.copy(in, plain);
    }
    AttributionJob.run(spark, "--input", plain.getParent().toString(), "--format", "ga4-export", "--models",
        "first_touch,last_touch,linear", "--no-journey-credits", "--output", dir.resolve("plain-out").toString());

    assertThat(lines(dir.resolve("plain-out/channel_totals.csv")))
        .isEqualTo(lines(dir.resolve("ndjson/channel_totals.csv")).stream()
            .filter(l -> l.startsWith("model,") || l.matches("(first_touch|last_touch|linear),.*")).toList());
  }

  @Test
  void aLineThatIsNoEventStopsTheJobNamingItsLineAndNothingIsWritten() throws Exception {
    Path bad = dir.resolve("bad.ndjson.gz");
    List<String> lines = new ArrayList<>();
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(EXAMPLE))) {
      lines.addAll(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
    }
    lines.set(4, "{\"event_name\": \"page_view\", \"user_pseudo_id\": \"u1\"}");
    lines.set(9, "not json");
    gzip(bad, String.join("\n", lines) + "\n");
    Path output = dir.resolve("bad-out");

    assertThatThrownBy(() -> AttributionJob.run(spark, "--input", bad.toString(), "--format", "ga4-export",
        "--output", output.toString()))
        .isInstanceOf(JobException.class)
        .hasMessageContaining("2 of 800 rows are not GA4 export events")
        .hasMessageContaining(bad + ": line 5: event_timestamp \"\": missing value")
        .hasMessageContaining(bad + ": line 10: not valid JSON: Unrecognized token 'not'");
    assertThat(output).doesNotExist();
  }

  @Test
  void parquetWithoutTheExportsColumnsIsRefusedNamingThem() throws Exception {
    Path other = dir.resolve("not-ga4");
    spark.range(3).selectExpr("cast(id as string) as user_pseudo_id").write().parquet(other.toString());

    assertThatThrownBy(() -> AttributionJob.run(spark, "--input", other.toString(), "--format", "ga4-export",
        "--output", dir.resolve("not-ga4-out").toString()))
        .isInstanceOf(JobException.class)
        .hasMessageContaining("not a GA4 export: no column event_name, event_timestamp");
  }

  @Test
  void anEmptyExportIsRefused() throws Exception {
    Path empty = dir.resolve("empty.ndjson");
    Files.writeString(empty, "\n\n");

    assertThatThrownBy(() -> AttributionJob.run(spark, "--input", empty.toString(), "--format", "ga4-export",
        "--output", dir.resolve("empty-out").toString()))
        .isInstanceOf(JobException.class)
        .hasMessageContaining("empty input: expected GA4 export events");
  }

  @Test
  void csvIsNoFileFormatOfTheExport() {
    assertThatThrownBy(() -> AttributionJob.run(spark, "--input", EXAMPLE.toString(), "--format", "ga4-export",
        "--file-format", "csv", "--output", dir.resolve("csv-out").toString()))
        .isInstanceOf(JobException.class)
        .hasMessageContaining("--file-format csv: the GA4 export is read as NDJSON (json) or Parquet");
  }

  /** Generated export rows: many users, sessions and purchases, with the orderings that are easy to get wrong. */
  static void writeTricky(Path file, int users, long seed) throws IOException {
    Random random = new Random(seed);
    String[][] sources = {{"google", "cpc", "brand"}, {"google", "organic", null}, {"facebook", "paid_social", "spring"},
        {"newsletter", "email", "weekly"}, {"bing", "cpc", null}, {"partner.example", "referral", null}};
    List<String> rows = new ArrayList<>();
    long start = 1_735_689_600_000_000L;
    int transaction = 0;
    for (int u = 0; u < users; u++) {
      String user = "u" + u + "." + (1_735_000_000 + u);
      int sessions = 1 + random.nextInt(4);
      long at = start + random.nextInt(20) * 86_400_000_000L;
      for (int s = 1; s <= sessions; s++) {
        at += (1 + random.nextInt(9)) * 86_400_000_000L / 2;
        int events = 1 + random.nextInt(4);
        for (int e = 0; e < events; e++) {
          // Rows of a session out of time order: the session starts at its earliest, not its first, row.
          long t = at + random.nextInt(600) * 1_000_000L;
          StringBuilder row = new StringBuilder("{\"event_timestamp\": \"" + t + "\", \"user_pseudo_id\": \"" + user
              + "\", \"event_params\": [{\"key\": \"ga_session_id\", \"value\": {\"int_value\": \"" + s + "\"}}]");
          String[] source = sources[random.nextInt(sources.length)];
          int kind = random.nextInt(5);
          if (kind == 0) {
            row.append(", \"session_traffic_source_last_click\": {\"manual_campaign\": {\"source\": \"")
                .append(source[0]).append("\", \"medium\": \"").append(source[1]).append("\"")
                .append(source[2] == null ? "" : ", \"campaign_name\": \"" + source[2] + "\"").append("}}");
          } else if (kind == 1) {
            row.append(", \"collected_traffic_source\": {\"manual_source\": \"").append(source[0])
                .append("\", \"manual_medium\": \"").append(source[1]).append("\"}");
          } else if (kind == 2) {
            row.append(", \"collected_traffic_source\": {\"gclid\": \"Cj").append(random.nextInt(1000)).append("\"}");
          }
          boolean purchase = random.nextInt(4) == 0;
          if (purchase) {
            // One in three repeats an earlier transaction, often another user's.
            String id = transaction > 0 && random.nextInt(3) == 0 ? "T" + random.nextInt(transaction)
                : "T" + transaction++;
            row.append(", \"event_name\": \"purchase\", \"ecommerce\": {\"transaction_id\": \"").append(id)
                .append("\", \"purchase_revenue\": ").append(10 + random.nextInt(9000) / 100.0).append("}");
          } else {
            row.append(", \"event_name\": \"page_view\"");
          }
          rows.add(row.append("}").toString());
          if (random.nextInt(50) == 0) {
            rows.add("");
          }
        }
      }
    }
    // Users interleaved: a user's rows spread over the file and its splits.
    List<String> shuffled = new ArrayList<>(rows);
    java.util.Collections.shuffle(shuffled, random);
    Files.write(file, shuffled, StandardCharsets.UTF_8);
  }

  private static void gzip(Path file, String text) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }
}
