package io.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.engine.ModelType;
import io.nexus.engine.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the command talks about itself: usage, mistakes in the command line, help. */
class UsageTest {
  @TempDir
  Path dir;

  @Test
  void noCommandPrintsTheUsageOnStderrAndExitsTwo() {
    CommandRun run = CommandRun.of();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("Usage: nexus").contains("attribute").contains("generate");
  }

  @Test
  void aMistypedOptionGetsOneLineWithTheClosestMatch() {
    CommandRun run = CommandRun.of("attribute", "--input", "x.csv", "--modles", "linear");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("nexus attribute: unknown option --modles; did you mean --models?\n");
  }

  @Test
  void aMistypedCommandGetsOneLineWithTheClosestMatch() {
    CommandRun run = CommandRun.of("atribute", "--input", "x.csv");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("nexus: unexpected argument atribute; did you mean attribute?\n");
  }

  @Test
  void aMissingOptionIsOneLineToo() {
    CommandRun run = CommandRun.of("attribute");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(
        "nexus attribute: Missing required option: '--input=FILE'; see nexus attribute --help\n");
  }

  @Test
  void helpListsEveryModelWithItsParametersAndAliases() {
    CommandRun run = CommandRun.of("attribute", "--help");

    assertThat(run.exitCode()).isZero();
    for (ModelType type : Models.types()) {
      assertThat(run.out()).contains("  " + type.withDefaults());
      type.aliases().forEach(alias -> assertThat(run.out()).contains("also " + alias));
    }
    assertThat(run.out()).contains("--decimals=N").contains("NEXUS_JAVA_OPTS");
  }

  @Test
  void numbersKeepEveryDigitByDefaultAndAreRoundedOnRequest() throws IOException {
    Path input = Files.writeString(dir.resolve("p.csv"),
        "path,total_conversions,total_conversion_value,total_null\na > b > c,1,100,1\n");

    CommandRun exact = CommandRun.of("attribute", "-i", input.toString(), "-m", "linear");
    CommandRun rounded = CommandRun.of("attribute", "-i", input.toString(), "-m", "linear", "--decimals", "2");

    assertThat(exact.out()).contains("linear,a,0.3333333333333333,33.33333333333333\n");
    assertThat(Double.parseDouble("0.3333333333333333")).isEqualTo(1.0 / 3);
    assertThat(rounded.out()).contains("linear,a,0.33,33.33\n");
  }

  @Test
  void decimalsOutOfRangeAreRefused() throws IOException {
    Path input = Files.writeString(dir.resolve("p.csv"), "path,total_conversions\na,1\n");

    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "--decimals", "20");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("--decimals 20: must be between 0 and 17\n");
  }
}
