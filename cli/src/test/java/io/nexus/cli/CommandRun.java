package io.nexus.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The outcome of one in-process run of the {@code nexus} command. */
record CommandRun(int exitCode, String out, String err) {

  static CommandRun of(String... args) {
    return withInput(new byte[0], args);
  }

  /** A run that reads {@code standardInput} from its standard input. */
  static CommandRun withInput(byte[] standardInput, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = NexusCommand.run(args, new ByteArrayInputStream(standardInput),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The repository root, where the shared datasets sit beside it. */
  static Path root() {
    String root = System.getProperty("nexus.root");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  /**
   * ChannelAttribution's bundled sample, kept outside the repository in {@code ../shared/datasets}; a test that needs
   * it is skipped, with the reason, in a checkout that has no such folder beside it.
   */
  static Path channelAttributionSample() {
    Path sample = root().resolve("../shared/datasets/channelattribution_sample.csv").normalize();
    Assumptions.assumeTrue(Files.isRegularFile(sample),
        () -> "ChannelAttribution's sample is not beside this checkout (" + sample + "): published numbers not compared");
    return sample;
  }
}
