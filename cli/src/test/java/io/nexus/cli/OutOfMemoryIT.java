package io.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running out of memory says how to give Java more, in one line, instead of a stack trace. */
class OutOfMemoryIT {
  @TempDir
  Path dir;

  @Test
  void aHeapTooSmallForTheInputIsOneLineSayingHowToGrowIt() throws Exception {
    Path input = dir.resolve("paths.csv");
    assertThat(JarProcess.run(dir.resolve("generate.err"), List.of(), "generate", "--rows", "1000000", "--output",
        input.toString())).isZero();
    Path err = dir.resolve("err.txt");

    int code = JarProcess.run(err, List.of("-Xmx24m", "-XX:+UseSerialGC"), "attribute", "--input", input.toString(),
        "--output", dir.resolve("out.csv").toString());

    assertThat(code).isEqualTo(1);
    List<String> lines = Files.readAllLines(err);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).matches("nexus: out of memory \\(at most \\d+ MB\\); give Java more with "
        + "NEXUS_JAVA_OPTS, e\\.g\\. NEXUS_JAVA_OPTS=-Xmx8g bin/nexus \\.\\.\\.");
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("paths.csv", "generate.err", "err.txt");
  }
}
