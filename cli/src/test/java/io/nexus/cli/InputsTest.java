package io.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code nexus attribute} reads: standard input, gzip, tabs, line breaks in quotes; and what it refuses. */
class InputsTest {
  private static final String PATHS = "path,total_conversions,total_conversion_value,total_null\n"
      + "a > b,1,10,1\nb,2,30,2\n";

  @TempDir
  Path dir;

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private String expected() throws IOException {
    Path file = Files.writeString(dir.resolve("paths.csv"), PATHS);
    CommandRun run = CommandRun.of("attribute", "-i", file.toString(), "-m", "first_touch,linear,markov");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out();
  }

  @Test
  void aDashReadsStandardInput() throws IOException {
    CommandRun run = CommandRun.withInput(PATHS.getBytes(StandardCharsets.UTF_8), "attribute", "-i", "-", "-m",
        "first_touch,linear,markov");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(expected());
  }

  @Test
  void gzipFilesAreReadAsTheyAre() throws IOException {
    Path file = Files.write(dir.resolve("paths.csv.gz"), gzip(PATHS));

    CommandRun run = CommandRun.of("attribute", "-i", file.toString(), "-m", "first_touch,linear,markov");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(expected());
  }

  @Test
  void gzipOnStandardInputToo() throws IOException {
    CommandRun run = CommandRun.withInput(gzip(PATHS), "attribute", "-i", "-", "-m", "first_touch,linear,markov");

    assertThat(run.out()).isEqualTo(expected());
  }

  @Test
  void tabSeparatedTouchpointsAreReadAsCommaSeparatedOnes() throws IOException {
    String commas = "user_id,timestamp,channel,conversion,revenue\nu1,2025-01-01T10:00:00Z,email,0,\n"
        + "u1,2025-01-02T10:00:00Z,search,0,\nu1,2025-01-03T10:00:00Z,,1,50\nu2,2025-01-03T10:00:00Z,email,0,\n";
    Path csv = Files.writeString(dir.resolve("t.csv"), commas);
    Path tsv = Files.writeString(dir.resolve("t.tsv"), commas.replace(',', '\t'));

    CommandRun fromCommas = CommandRun.of("attribute", "-i", csv.toString(), "--format", "touchpoints");
    CommandRun fromTabs = CommandRun.of("attribute", "-i", tsv.toString(), "--format", "touchpoints");

    assertThat(fromTabs.exitCode()).as(fromTabs.err()).isZero();
    assertThat(fromTabs.out()).isEqualTo(fromCommas.out()).contains("linear,email,0.5,25\n");
  }

  @Test
  void aQuotedPathMayHoldALineBreak() throws IOException {
    Path file = Files.writeString(dir.resolve("p.csv"),
        "path,total_conversions,total_null\n\"a >\nb\",1,1\nb,2,2\n");

    CommandRun run = CommandRun.of("attribute", "-i", file.toString(), "-m", "first_touch");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("model,channel,attributed_conversions,attributed_value\n"
        + "first_touch,a,1,0\nfirst_touch,b,2,0\n");
  }

  @Test
  void bytesThatAreNotUtf8AreRefusedWithTheirLine() throws IOException {
    Path file = Files.write(dir.resolve("p.csv"),
        "path,total_conversions\na,1\nb > caf\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1));

    CommandRun run = CommandRun.of("attribute", "-i", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("line 3: path \"b > caf\uFFFD\": not UTF-8 text; save the file as UTF-8\n");
  }

  @Test
  void aDuplicatedColumnIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("t.csv"), "user_id,timestamp,channel,user_id\nu1,2025-01-01,email,u2\n");

    CommandRun run = CommandRun.of("attribute", "-i", file.toString(), "--format", "touchpoints");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(
        "line 1: header \"user_id,timestamp,channel,user_id\": column user_id appears twice\n");
  }

  @Test
  void aRowWithMoreFieldsThanTheHeaderIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("p.csv"), "path,total_conversions\na,1\nb,1,2\n");

    CommandRun run = CommandRun.of("attribute", "-i", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("line 3: the row has more fields than the header's 2 columns\n");
  }

  @Test
  void aFolderIsNotAnInput() {
    CommandRun run = CommandRun.of("attribute", "-i", dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("--input " + dir + ": is a directory\n");
  }
}
