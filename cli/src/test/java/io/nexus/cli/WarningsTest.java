package io.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warnings on stderr when the run goes ahead but its numbers will surprise: the output is written all the same. */
class WarningsTest {
  @TempDir
  Path dir;

  private String paths(String... rows) throws IOException {
    return Files.writeString(dir.resolve("p.csv"), "path,total_conversions,total_null\n" + String.join("\n", rows)
        + "\n").toString();
  }

  @Test
  void aCleanFileGivesNoWarning() throws IOException {
    CommandRun run = CommandRun.of("attribute", "-i", paths("a > b,1,1", "b,0,2"));

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
  }

  @Test
  void touchpointOptionsDoNothingForPathFiles() throws IOException {
    Path rules = Files.writeString(dir.resolve("rules.csv"), "channel,source\nBrand,google\n");

    CommandRun run = CommandRun.of("attribute", "-i", paths("a > b,1,1"), "--lookback-days", "7", "--channel-rules",
        rules.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEqualTo(
        "warning: --lookback-days does nothing for paths files (they have no times or sources; it is for --format "
            + "touchpoints)\n"
            + "warning: --channel-rules does nothing for paths files (they have no times or sources; it is for "
            + "--format touchpoints)\n");
    assertThat(run.out()).startsWith("model,channel,");
  }

  @Test
  void thePathSeparatorDoesNothingForTouchpoints() throws IOException {
    Path input = Files.writeString(dir.resolve("t.csv"), "user_id,timestamp,channel,conversion\n"
        + "u1,2025-01-01,email,0\nu1,2025-01-02,,1\nu2,2025-01-01,email,0\n");

    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "--format", "touchpoints",
        "--path-separator", "|");

    assertThat(run.err()).isEqualTo("warning: --path-separator does nothing for touchpoints files\n");
  }

  @Test
  void aSeparatorThatNeverOccursIsWorthAWord() throws IOException {
    String input = paths("a | b,1,1", "b | c,0,1");

    CommandRun run = CommandRun.of("attribute", "-i", input, "-m", "linear");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEqualTo("warning: the path separator \">\" never occurs in " + input
        + ": every path is one channel (--path-separator sets it)\n");
    assertThat(run.out()).contains("linear,a | b,1,0\n");
  }

  @Test
  void dataDrivenModelsWithoutNullsHaveNothingToCompare() throws IOException {
    Path input = Files.writeString(dir.resolve("p.csv"), "path,total_conversions\na > b,1\nb,2\n");

    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "-m", "linear,markov,shapley");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEqualTo("warning: no path in " + input + " is null (without conversion): markov, "
        + "shapley compare converting paths with paths that did not convert, and have nothing to compare with "
        + "(a total_null column holds them)\n");
  }

  @Test
  void rulesAloneNeedNoNulls() throws IOException {
    Path input = Files.writeString(dir.resolve("p.csv"), "path,total_conversions\na > b,1\nb,2\n");

    assertThat(CommandRun.of("attribute", "-i", input.toString(), "-m", "linear").err()).isEmpty();
  }

  @Test
  void nothingConvertingIsWorthAWord() throws IOException {
    String input = paths("a > b,0,1", "b,0,2");

    CommandRun run = CommandRun.of("attribute", "-i", input, "-m", "linear");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEqualTo("warning: nothing converts in " + input + ": every credit is 0\n");
  }
}
