package io.nexus.cli;

import io.nexus.engine.InvalidModelException;
import io.nexus.formats.AttributionSettings;
import io.nexus.formats.AttributionSettings.InvalidSettingException;
import io.nexus.formats.InputException;
import io.nexus.formats.OutputException;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code nexus} command: attribution on files with the engine alone, so it starts in a fraction of a second.
 * Exit codes: 0 done, 2 bad input or options (with {@code line N: ...} for rows), 1 anything unexpected.
 */
@Command(name = "nexus", mixinStandardHelpOptions = true, version = "nexus 0.1.0",
    description = "Multi-touch marketing attribution: which channels earned the revenue?",
    subcommands = {AttributeCommand.class, GenerateCommand.class, PlanCommand.class},
    footer = {"", "Run the service with: bin/nexus serve [--demo]"})
public final class NexusCommand implements Callable<Integer> {
  /** Exit code for input or options the user must fix. */
  public static final int BAD_INPUT = 2;
  /** Exit code for anything else, running out of memory included. */
  public static final int FAILED = 1;
  // Made before it is needed: when the heap is exhausted, building the message could fail too.
  private static final String OUT_OF_MEMORY = "nexus: out of memory (at most " + Runtime.getRuntime().maxMemory() / (1 << 20)
      + " MB); give Java more with NEXUS_JAVA_OPTS, e.g. NEXUS_JAVA_OPTS=-Xmx8g bin/nexus ...";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Without a command there is nothing to do: the usage, and the exit code of a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return BAD_INPUT;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the command with the given streams (no standard input) and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, InputStream.nullInputStream(), out, err);
  }

  /** Runs the command with the given streams and returns its exit code. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    PrintWriter outWriter = new PrintWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
        1 << 16), false);
    CommandLine commandLine = new CommandLine(new NexusCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(outWriter)
        .setErr(errWriter)
        .setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, errWriter));
    commandLine.setParameterExceptionHandler((e, a) -> {
      errWriter.println(oneLine(e));
      return BAD_INPUT;
    });
    commandLine.setExpandAtFiles(false);
    CommandLine attribute = commandLine.getSubcommands().get("attribute");
    ((AttributeCommand) attribute.getCommand()).standardInput = in;
    ((PlanCommand) commandLine.getSubcommands().get("plan").getCommand()).standardInput = in;
    List<String> footer = new ArrayList<>(List.of(""));
    footer.addAll(AttributionSettings.modelHelp());
    footer.addAll(List.of("", "Output columns: model,channel,attributed_conversions,attributed_value.",
        "Java options (memory): NEXUS_JAVA_OPTS, e.g. NEXUS_JAVA_OPTS=-Xmx8g."));
    attribute.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
    int code;
    try {
      code = commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      code = outOfMemory(errWriter);
    }
    outWriter.flush();
    errWriter.flush();
    return code;
  }

  private static int failure(Exception e, PrintWriter err) {
    if (e instanceof InputException || e instanceof UsageException || e instanceof InvalidModelException
        || e instanceof InvalidSettingException || e instanceof OutputException) {
      err.println(e.getMessage());
      return BAD_INPUT;
    }
    if (e instanceof NoSuchFileException missing) {
      err.println(missing.getFile() + ": no such file");
      return BAD_INPUT;
    }
    err.println("nexus: " + e);
    return FAILED;
  }

  private static int outOfMemory(PrintWriter err) {
    err.println(OUT_OF_MEMORY);
    return FAILED;
  }

  /** A usage error in one line: the closest option or command when one was mistyped, never the whole usage. */
  private static String oneLine(ParameterException e) {
    String command = e.getCommandLine().getCommandSpec().qualifiedName();
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      String argument = unmatched.getUnmatched().get(0);
      List<String> suggestions = unmatched.getSuggestions();
      String what = argument.startsWith("-") ? "unknown option " : "unexpected argument ";
      return command + ": " + what + argument
          + (suggestions.isEmpty() ? "; see " + command + " --help" : "; did you mean " + suggestions.get(0) + "?");
    }
    return command + ": " + e.getMessage() + "; see " + command + " --help";
  }
}
