package io.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code nexus attribute} writes: files appear whole, anything that is not a regular file is never replaced. */
class OutputsTest {
  private static final String TOTALS = "model,channel,attributed_conversions,attributed_value\n"
      + "linear,a,0.5,5\nlinear,b,2.5,35\n";

  @TempDir
  Path dir;

  private Path input() throws IOException {
    return Files.writeString(dir.resolve("in.csv"), "path,total_conversions,total_conversion_value,total_null\n"
        + "a > b,1,10,1\nb,2,30,2\n");
  }

  private static CompletableFuture<String> readInBackground(Path fifo) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readString(fifo);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private Path fifo(String name) throws Exception {
    Path fifo = dir.resolve(name);
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    return fifo;
  }

  @Test
  void aNamedPipeIsWrittenStraightAndStaysAPipe() throws Exception {
    Path input = input();
    Path fifo = fifo("totals");
    CompletableFuture<String> read = readInBackground(fifo);

    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "-m", "linear", "-o", fifo.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(read.get(20, TimeUnit.SECONDS)).isEqualTo(TOTALS);
    assertThat(Files.isRegularFile(fifo)).isFalse();
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("in.csv", "totals");
  }

  @Test
  void journeyCreditsGoStraightIntoAPipeToo() throws Exception {
    Path input = input();
    Path fifo = fifo("credits");
    CompletableFuture<String> read = readInBackground(fifo);

    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "-m", "linear", "--journey-credits",
        fifo.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(read.get(20, TimeUnit.SECONDS)).startsWith("journey_id,model,channel,credit,");
    assertThat(Files.isRegularFile(fifo)).isFalse();
    assertThat(run.out()).isEqualTo(TOTALS);
  }

  @Test
  void aSymbolicLinkIsFollowedAndStaysALink() throws IOException {
    Path input = input();
    Path results = Files.createDirectory(dir.resolve("results"));
    Path target = Files.writeString(results.resolve("totals.csv"), "old\n");
    Path link = Files.createSymbolicLink(dir.resolve("latest.csv"), target);

    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "-m", "linear", "-o", link.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).isEqualTo(TOTALS);
    assertThat(results.toFile().list()).containsExactly("totals.csv");
  }

  @Test
  void aDashIsStandardOutput() throws IOException {
    CommandRun run = CommandRun.of("attribute", "-i", input().toString(), "-m", "linear", "-o", "-");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(TOTALS);
    assertThat(dir.toFile().list()).containsExactly("in.csv");
  }

  @Test
  void devStdoutIsStandardOutputInTheOrderWritten() throws IOException {
    CommandRun run = CommandRun.of("attribute", "-i", input().toString(), "-m", "linear", "--journey-credits",
        "/dev/stdout");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("journey_id,model,channel,credit,").endsWith(TOTALS);
  }

  @Test
  void aMissingFolderIsRefusedBeforeAnyWorkAndNothingIsWritten() throws IOException {
    Path input = input();
    Path effects = dir.resolve("effects.csv");
    Path output = dir.resolve("missing/totals.csv");

    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "--removal-effects", effects.toString(),
        "-o", output.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("cannot write " + output + ": no such directory " + dir.resolve("missing") + "\n");
    assertThat(run.out()).isEmpty();
    assertThat(dir.toFile().list()).containsExactly("in.csv");
  }

  @Test
  void aFolderIsNotAnOutput() throws IOException {
    CommandRun run = CommandRun.of("attribute", "-i", input().toString(), "-o", dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("cannot write " + dir + ": is a directory\n");
  }

  @Test
  void generateWritesIntoAPipeAsWell() throws Exception {
    Path fifo = fifo("generated");
    CompletableFuture<String> read = readInBackground(fifo);

    CommandRun run = CommandRun.of("generate", "--rows", "10", "-o", fifo.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(read.get(20, TimeUnit.SECONDS).lines()).hasSize(11);
    assertThat(Files.isRegularFile(fifo)).isFalse();
  }
}
