package io.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped by SIGTERM or Ctrl-C (SIGINT) leaves nothing behind: no hidden partial file, old results intact. */
class InterruptedRunIT {
  @TempDir
  static Path shared;
  static Path input;

  @TempDir
  Path dir;

  @BeforeAll
  static void generateABigInput() throws Exception {
    input = shared.resolve("paths.csv");
    assertThat(JarProcess.run(shared.resolve("generate.err"), List.of(), "generate", "--rows", "2000000",
        "--output", input.toString())).isZero();
  }

  private void assertStoppedCleanlyBy(String signal) throws Exception {
    Path output = Files.writeString(dir.resolve("totals.csv"), "results of an earlier run\n");
    Process run = new ProcessBuilder(JarProcess.command(List.of("-Xmx1g"), "attribute", "--input", input.toString(),
        "--models", "linear,markov,shapley", "--output", output.toString(), "--journey-credits",
        dir.resolve("credits.csv").toString())).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(dir.resolve("err.txt").toFile()).start();
    awaitPartialFiles(run);

    assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(run.pid())).start().waitFor()).isZero();

    assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
    assertThat(run.exitValue()).as("exit code of a signalled JVM").isNotZero();
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("totals.csv", "err.txt");
    assertThat(output).hasContent("results of an earlier run");
  }

  /** Waits until the run has opened its outputs, hidden beside them, and is working. */
  private void awaitPartialFiles(Process run) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && run.isAlive()) {
      if (Arrays.stream(dir.toFile().list()).filter(name -> name.endsWith(".partial")).count() == 2) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the run never opened its outputs: " + Files.readString(dir.resolve("err.txt")));
  }

  @Test
  void sigtermLeavesNoPartialFiles() throws Exception {
    assertStoppedCleanlyBy("TERM");
  }

  @Test
  void ctrlCLeavesNoPartialFiles() throws Exception {
    assertStoppedCleanlyBy("INT");
  }
}
