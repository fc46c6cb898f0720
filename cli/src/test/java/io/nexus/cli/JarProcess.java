package io.nexus.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The packaged command run as users run it, {@code java -jar nexus-cli.jar ...}, in a process of its own. */
final class JarProcess {
  private JarProcess() {}

  /** The command line that runs the jar with {@code javaOptions} and {@code args}. */
  static List<String> command(List<String> javaOptions, String... args) {
    Path jar = Path.of(System.getProperty("nexus.jar", "target/nexus-cli.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: integration tests run after the package phase");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    return command;
  }

  /** Runs the jar to its end, stderr kept in {@code err}; the exit code. */
  static int run(Path err, List<String> javaOptions, String... args) throws IOException, InterruptedException {
    return new ProcessBuilder(command(javaOptions, args)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(err.toFile()).start().waitFor();
  }
}
