package io.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir
  Path dir;

  private byte[] generate(String name, String... args) throws IOException {
    Path out = dir.resolve(name);
    String[] all = new String[args.length + 3];
    all[0] = "generate";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--output";
    all[args.length + 2] = out.toString();
    assertThat(CommandRun.of(all).exitCode()).isZero();
    return Files.readAllBytes(out);
  }

  @Test
  void theSameSeedGivesTheSameFile() throws IOException {
    assertThat(generate("a.csv", "--rows", "2000", "--seed", "9"))
        .isEqualTo(generate("b.csv", "--rows", "2000", "--seed", "9"));
  }

  @Test
  void anotherSeedGivesAnotherFile() throws IOException {
    assertThat(generate("a.csv", "--rows", "2000", "--seed", "9"))
        .isNotEqualTo(generate("b.csv", "--rows", "2000", "--seed", "10"));
  }

  @Test
  void pathsHaveTheRequestedRowsAndChannelsAndLengthsOneToTen() throws IOException {
    generate("p.csv", "--rows", "5000", "--channels", "7");
    List<String> lines = Files.readAllLines(dir.resolve("p.csv"));
    assertThat(lines).hasSize(5001);
    assertThat(lines.get(0)).isEqualTo("path,total_conversions,total_conversion_value,total_null");
    var paths = lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0].split(" > ")).toList();
    assertThat(paths.stream().flatMap(Arrays::stream).distinct()).hasSize(7);
    assertThat(paths.stream().mapToInt(p -> p.length).min().getAsInt()).isEqualTo(1);
    assertThat(paths.stream().mapToInt(p -> p.length).max().getAsInt()).isEqualTo(10);
    assertThat(lines.stream().skip(1).filter(l -> !l.contains(",0,0.00,"))).isNotEmpty();
  }

  @Test
  void touchpointsCarryCostsAndConversions() throws IOException {
    generate("t.csv", "--rows", "3000", "--format", "touchpoints");
    List<String> lines = Files.readAllLines(dir.resolve("t.csv"));
    assertThat(lines).hasSize(3001);
    assertThat(lines.get(0)).startsWith("user_id,timestamp,channel,source,medium,campaign,touchpoint_type,cost");
    assertThat(lines).anyMatch(l -> l.contains(",1,purchase,"));
    assertThat(lines).anyMatch(l -> l.contains(",google,cpc,"));
  }

  @Test
  void campaignLevelChannelCountsUpToOneHundredThousandAreGenerated() throws IOException {
    generate("many.csv", "--rows", "20000", "--channels", "100000");
    List<String> lines = Files.readAllLines(dir.resolve("many.csv"));
    assertThat(lines).hasSize(20001);
    // The skewed mix reaches far into the tail: channel names beyond the first thousand occur.
    assertThat(lines).anyMatch(l -> l.matches(".*channel_\\d{5,6}\\b.*"));
  }

  @Test
  void moreThanOneHundredThousandChannelsIsRefused() {
    CommandRun run = CommandRun.of("generate", "--rows", "10", "--channels", "100001");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("--channels 100001: must be between 1 and 100000");
  }

  @Test
  void zeroRowsIsRefused() {
    CommandRun run = CommandRun.of("generate", "--rows", "0");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("--rows 0: must be at least 1");
  }
}
