package io.nexus.cli;

import io.nexus.cli.files.InputException;
import io.nexus.engine.InvalidModelException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nexus} command: attribution on files with the engine alone, so it starts in a fraction of a second.
 * Exit codes: 0 done, 2 bad input or options (with {@code line N: ...} for rows), 1 anything unexpected.
 */
@Command(name = "nexus", mixinStandardHelpOptions = true, version = "nexus 0.1.0",
    description = "Multi-touch marketing attribution: which channels earned the revenue?",
    subcommands = {AttributeCommand.class, GenerateCommand.class},
    footer = {"", "Run the service with: bin/nexus serve [--demo]"})
public final class NexusCommand implements Runnable {
  /** Exit code for input or options the user must fix. */
  public static final int BAD_INPUT = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command with the given streams and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    CommandLine commandLine = new CommandLine(new NexusCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(new PrintWriter(new java.io.BufferedWriter(
            new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16), false))
        .setErr(errWriter)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          if (e instanceof InputException || e instanceof UsageException || e instanceof InvalidModelException
              || e instanceof AttributionOptions.OptionException) {
            errWriter.println(e.getMessage());
            return BAD_INPUT;
          }
          if (e instanceof java.nio.file.NoSuchFileException missing) {
            errWriter.println(missing.getFile() + ": no such file");
            return BAD_INPUT;
          }
          errWriter.println("nexus: " + e);
          return 1;
        });
    commandLine.setParameterExceptionHandler((e, a) -> {
      errWriter.println(e.getMessage());
      e.getCommandLine().usage(errWriter);
      return BAD_INPUT;
    });
    commandLine.setExpandAtFiles(false);
    int code = commandLine.execute(args);
    commandLine.getOut().flush();
    errWriter.flush();
    return code;
  }
}
