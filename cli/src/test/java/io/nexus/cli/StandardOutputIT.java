package io.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard output redirected to a file by the shell is written into, never replaced. */
class StandardOutputIT {
  @TempDir
  Path dir;

  @Test
  void devStdoutRedirectedToAFileGetsEverythingInOrder() throws Exception {
    Path input = Files.writeString(dir.resolve("in.csv"), "path,total_conversions,total_conversion_value,total_null\n"
        + "a > b,1,10,1\nb,2,30,2\n");
    Path redirected = Files.createFile(dir.resolve("stdout.csv"));
    Object inode = Files.getAttribute(redirected, "unix:ino");

    int code = new ProcessBuilder(JarProcess.command(List.of(), "attribute", "-i", input.toString(), "-m", "linear",
        "--journey-credits", "/dev/stdout", "-o", "/dev/stdout")).redirectOutput(redirected.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor();

    assertThat(code).isZero();
    assertThat(Files.getAttribute(redirected, "unix:ino")).as("the same file, not a new one").isEqualTo(inode);
    assertThat(Files.readString(redirected)).startsWith("journey_id,model,channel,credit,")
        .endsWith("model,channel,attributed_conversions,attributed_value\nlinear,a,0.5,5\nlinear,b,2.5,35\n");
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("in.csv", "stdout.csv");
  }
}
