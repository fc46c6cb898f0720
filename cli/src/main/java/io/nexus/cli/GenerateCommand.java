package io.nexus.cli;

import io.nexus.formats.OutputFile;
import io.nexus.formats.synthetic.SyntheticData;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nexus generate}: writes realistic synthetic paths or touchpoints, the same file for the same seed. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write realistic synthetic attribution data (the same file for the same seed).")
final class GenerateCommand implements Callable<Integer> {

  enum Format { paths, touchpoints }

  /** Campaign- or ad-level exports have thousands of "channels"; the Markov benchmark goes to 20,000. */
  static final int MAX_CHANNELS = 100_000;

  @Spec
  CommandSpec spec;

  @Option(names = "--rows", required = true, paramLabel = "N", description = "Rows to write (paths, or events).")
  long rows;

  @Option(names = "--channels", defaultValue = "12", paramLabel = "K", description = "Channels (default ${DEFAULT-VALUE}).")
  int channels;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--format", defaultValue = "paths", paramLabel = "FORMAT",
      description = "paths (ChannelAttribution's format) or touchpoints (one event per row); default ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output file (default: standard output).")
  Path output;

  @Override
  public Integer call() throws Exception {
    if (rows < 1) {
      throw new UsageException("--rows " + rows + ": must be at least 1");
    }
    if (channels < 1 || channels > MAX_CHANNELS) {
      throw new UsageException("--channels " + channels + ": must be between 1 and " + MAX_CHANNELS);
    }
    SyntheticData data = new SyntheticData(channels, seed);
    Writer out = spec.commandLine().getOut();
    try (OutputFile file = OutputFile.open(output == null ? Path.of(OutputFile.STANDARD_OUTPUT) : output, out)) {
      write(data, file.writer());
      file.commit();
    }
    return 0;
  }

  private void write(SyntheticData data, Writer out) throws IOException {
    if (format == Format.paths) {
      data.writePaths(out, rows);
    } else {
      data.writeTouchpoints(out, rows);
    }
  }
}
