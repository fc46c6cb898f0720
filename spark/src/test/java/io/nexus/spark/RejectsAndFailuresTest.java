package io.nexus.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows that cannot be read are counted and written with their reason; a wrong input fails before any output. */
class RejectsAndFailuresTest {
  @TempDir Path dir;

  @Test
  void badRowsAreRejectedWithTheirReasonAndTheRestAttributedAsTheCommandLineDoes() throws Exception {
    Path clean = LocalSpark.touchpoints(dir, 1_500, 5, 3);
    List<String> lines = new ArrayList<>(Files.readAllLines(clean, StandardCharsets.UTF_8));
    List<String> bad = List.of(
        "u9001,yesterday,search,google,cpc,search_1,click,1.20,0,,",
        ",2025-01-05T10:00:00Z,search,google,cpc,search_1,click,1.20,0,,",
        "u9002,2025-01-05T10:00:00Z,email,newsletter,email,email_1,click,0.01,maybe,,",
        "u9003,2025-01-05T10:00:00Z,,,,,,,1,purchase,-5",
        "u9004,2025-01-05T10:00:00Z,social,facebook,paid_social,social_1,click,x,0,,");
    List<String> dirty = new ArrayList<>(lines);
    for (int i = 0; i < bad.size(); i++) {
      dirty.add(100 * (i + 1), bad.get(i));
    }
    Path input = dir.resolve("dirty.csv");
    Files.write(input, dirty, StandardCharsets.UTF_8);

    JobSummary summary = AttributionJob.run(LocalSpark.session(), "--input", input.toString(), "--models",
        "first_touch,linear,markov", "--output", dir.resolve("out").toString());

    assertThat(summary.rowsRead()).isEqualTo(1_505);
    assertThat(summary.rowsRejected()).isEqualTo(5);
    assertThat(summary.lines()).contains("rows rejected:            5 (see rejects/)");
    List<Row> rejects = LocalSpark.session().read().option("header", "true")
        .csv(dir.resolve("out/rejects").toString()).collectAsList();
    assertThat(rejects.stream().map(r -> r.getAs("column") + ": " + r.getAs("reason")).collect(Collectors.toList()))
        .containsExactlyInAnyOrder(
            "timestamp: not an ISO-8601 date-time such as 2025-01-05T10:00:00Z",
            "user_id: missing value",
            "conversion: expected 1/0, true/false or yes/no",
            "revenue: must not be negative",
            "cost: not a number");
    assertThat(rejects.stream().map(r -> (String) r.getAs("record")).collect(Collectors.toList()))
        .containsExactlyInAnyOrderElementsOf(bad);
    assertThat(rejects).allSatisfy(r -> assertThat((String) r.getAs("file")).endsWith("dirty.csv"));
    LocalSpark.nexus("attribute", "--input", clean.toString(), "--format", "touchpoints", "--models",
        "first_touch,linear,markov", "--output", dir.resolve("cli.csv").toString());
    Totals.assertSame(LocalSpark.totals(dir.resolve("out/channel_totals.csv")),
        LocalSpark.totals(dir.resolve("cli.csv")));
  }

  @Test
  void badPathRowsAreRejectedWithTheirReason() throws Exception {
    Path input = dir.resolve("paths.csv");
    Files.writeString(input, "path;total_conversions;total_conversion_value;total_null\n"
        + "a > b;1;10;2\n" + "a > > b;1;10;2\n" + "b;x1;10;0\n" + "b > a;2;-3;0\n" + "a;0;0;5\n");

    JobSummary summary = AttributionJob.run(LocalSpark.session(), "--input", input.toString(), "--models",
        "linear", "--output", dir.resolve("out").toString());

    assertThat(summary.rowsRead()).isEqualTo(5);
    assertThat(summary.rowsRejected()).isEqualTo(3);
    assertThat(summary.journeys()).isEqualTo(2);
    List<Row> rejects = LocalSpark.session().read().option("header", "true")
        .csv(dir.resolve("out/rejects").toString()).collectAsList();
    assertThat(rejects.stream().map(r -> r.getAs("record") + " | " + r.getAs("column") + " | " + r.getAs("reason"))
        .collect(Collectors.toList())).containsExactlyInAnyOrder(
            "a > > b;1;10;2 | path | empty channel name at position 2",
            "b;x1;10;0 | total_conversions | not a number",
            "b > a;2;-3;0 | total_conversion_value | must not be negative");
  }

  @Test
  void anInputWithoutASingleGoodRowFailsAndKeepsItsRejects() throws Exception {
    Path input = dir.resolve("all-bad.csv");
    Files.writeString(input, "user_id,timestamp,channel\nu1,soon,search\nu2,later,email\n");
    Path output = dir.resolve("out");

    assertThatThrownBy(() -> AttributionJob.run(LocalSpark.session(), "--input", input.toString(),
        "--output", output.toString()))
        .isInstanceOf(JobException.class)
        .hasMessageContaining("no row could be read; all 2 are rejected");
    assertThat(LocalSpark.session().read().option("header", "true").csv(output.resolve("rejects").toString()).count())
        .isEqualTo(2);
    assertThat(output.resolve("channel_totals.csv")).doesNotExist();
  }

  @Test
  void aMissingInputFailsBeforeAnyOutput() {
    Path output = dir.resolve("out");

    assertThatThrownBy(() -> AttributionJob.run(LocalSpark.session(), "--input", dir.resolve("nowhere.csv").toString(),
        "--output", output.toString()))
        .isInstanceOf(JobException.class)
        .hasMessageContaining("nowhere.csv: no such file or directory");
    assertThat(output).doesNotExist();
  }

  @Test
  void aMissingColumnFailsBeforeAnyOutput() throws Exception {
    Path input = dir.resolve("events.csv");
    Files.writeString(input, "user_id,channel,conversion\nu1,search,0\n");
    Path output = dir.resolve("out");

    assertThatThrownBy(() -> AttributionJob.run(LocalSpark.session(), "--input", input.toString(),
        "--output", output.toString()))
        .isInstanceOf(JobException.class)
        .hasMessageContaining("line 1: header \"user_id,channel,conversion\": missing column timestamp");
    assertThat(output).doesNotExist();
  }

  @Test
  void aParquetColumnOfTheWrongTypeFailsBeforeAnyOutput() throws Exception {
    Path input = dir.resolve("events.parquet");
    LocalSpark.session().sql("SELECT 'u1' AS user_id, map('a', 1) AS timestamp, 'search' AS channel")
        .write().parquet(input.toString());
    Path output = dir.resolve("out");

    assertThatThrownBy(() -> AttributionJob.run(LocalSpark.session(), "--input", input.toString(),
        "--output", output.toString()))
        .isInstanceOf(JobException.class)
        .hasMessageContaining("column timestamp has type map<string,int>");
    assertThat(output).doesNotExist();
  }

  @Test
  void anOutputDirectoryWithFilesIsKeptUnlessOverwriteIsGiven() throws Exception {
    Path input = LocalSpark.paths(dir, 50, 3, 1);
    Path output = Files.createDirectories(dir.resolve("out"));
    Files.writeString(output.resolve("keep.txt"), "mine");

    assertThatThrownBy(() -> AttributionJob.run(LocalSpark.session(), "--input", input.toString(), "--models",
        "linear", "--output", output.toString()))
        .isInstanceOf(JobException.class)
        .hasMessageContaining("exists and is not empty; add --overwrite to replace it");
    assertThat(output.resolve("keep.txt")).hasContent("mine");
  }

  @Test
  void timeBasedModelsOnPathsFailBeforeAnyOutput() throws Exception {
    Path input = LocalSpark.paths(dir, 50, 3, 1);
    Path output = dir.resolve("out");

    assertThatThrownBy(() -> AttributionJob.run(LocalSpark.session(), "--input", input.toString(), "--models",
        "linear,time_decay", "--output", output.toString()))
        .isInstanceOf(JobException.class)
        .hasMessage("--models: time_decay: needs touch and conversion times; path files have none, use touchpoint data");
    assertThat(output).doesNotExist();
  }

  @Test
  void badOptionsFailWithTheCommandLinesMessages() {
    assertThatThrownBy(() -> AttributionJob.run(LocalSpark.session(), "--input", "x", "--output", "y",
        "--models", "linear,markov(order=9)"))
        .isInstanceOf(JobException.class)
        .hasMessage("--models: model markov(order=9): order 9: must be between 1 and 4");
    assertThatThrownBy(() -> AttributionJob.run(LocalSpark.session(), "--input", "x", "--output", "y",
        "--order", "0"))
        .isInstanceOf(JobException.class).hasMessage("--order 0: must be between 1 and 4");
    assertThatThrownBy(() -> AttributionJob.run(LocalSpark.session(), "--input", "x"))
        .isInstanceOf(JobException.class).hasMessageContaining("--output");
  }
}
