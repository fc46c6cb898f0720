package io.nexus.cli;

import io.nexus.engine.Attribution;
import io.nexus.engine.Attribution.ModelRun;
import io.nexus.engine.AttributionModel;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.PathTransform;
import io.nexus.engine.journey.ChannelGrouping;
import io.nexus.engine.journey.JourneyBuilder;
import io.nexus.engine.journey.UserEvent;
import io.nexus.engine.markov.MarkovFit;
import io.nexus.engine.uncertainty.ModelIntervals;
import io.nexus.formats.AttributionSettings;
import io.nexus.formats.InputException;
import io.nexus.formats.InputFile;
import io.nexus.formats.IntervalSettings;
import io.nexus.formats.OutputFile;
import io.nexus.formats.ResultFiles;
import io.nexus.formats.ga4.Ga4ExportReader;
import io.nexus.formats.paths.PathFileReader;
import io.nexus.formats.touchpoints.ChannelRulesFile;
import io.nexus.formats.touchpoints.TouchpointFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nexus attribute}: reads paths or touchpoints, runs the models, writes channel totals as CSV. */
@Command(name = "attribute", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Credit conversions to channels under one or more models.")
final class AttributeCommand implements Callable<Integer> {

  enum Format {
    paths, touchpoints, ga4_export;

    @Override
    public String toString() {
      return name().replace('_', '-');
    }

    /** Reads {@code ga4-export} (and the other names as they are) for picocli. */
    static Format parse(String text) {
      for (Format f : values()) {
        if (f.toString().equals(text)) {
          return f;
        }
      }
      throw new IllegalArgumentException("expected one of paths, touchpoints, ga4-export");
    }
  }

  @Spec
  CommandSpec spec;

  /** What {@code --input -} reads; set by {@link NexusCommand}. */
  InputStream standardInput = System.in;
  /** The progress line of the run under way, which warnings must not garble. */
  private Progress progress;

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE",
      description = "Input CSV file; - for standard input; gzip-compressed files are read as they are.")
  Path input;

  @Option(names = "--format", defaultValue = "paths", paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "paths (ChannelAttribution: path,total_conversions[,total_conversion_value][,total_null]), "
          + "touchpoints (user_id,timestamp,channel|source/medium/campaign,...) or ga4-export (GA4 BigQuery export "
          + "events as NDJSON, docs/integrations.md); default ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = {"-m", "--models"}, paramLabel = "LIST", defaultValue = AttributionSettings.DEFAULT_MODELS,
      description = "Comma-separated models, parameters in parentheses (listed below); default ${DEFAULT-VALUE}.")
  String models;

  @Option(names = "--order", defaultValue = AttributionSettings.DEFAULT_ORDER, paramLabel = "K",
      description = "Markov order 1..4 for markov models that do not set one; default ${DEFAULT-VALUE}.")
  int order;

  @Option(names = "--lookback-days", defaultValue = AttributionSettings.DEFAULT_LOOKBACK_DAYS, paramLabel = "DAYS",
      description = "Touchpoints: days before a conversion that count; default ${DEFAULT-VALUE}.")
  double lookbackDays;

  @Option(names = "--transform", defaultValue = AttributionSettings.DEFAULT_TRANSFORM, paramLabel = "NAME",
      description = "Path transform: unique (as is), exposure (collapse repeats in a row), first (drop repeats).")
  String transform;

  @Option(names = "--path-separator", defaultValue = AttributionSettings.DEFAULT_PATH_SEPARATOR, paramLabel = "SEP",
      description = "Paths: what joins channels in a path; default ${DEFAULT-VALUE}.")
  String pathSeparator;

  @Option(names = "--channel-rules", paramLabel = "FILE",
      description = "Touchpoints: CSV channel,source,medium,campaign of regexes applied before GA4's groups.")
  Path channelRules;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output CSV (default: standard output).")
  Path output;

  @Option(names = "--removal-effects", paramLabel = "FILE", description = "Write the Markov removal effects.")
  Path removalEffects;

  @Option(names = "--transition-matrix", paramLabel = "FILE", description = "Write the Markov transition matrix.")
  Path transitionMatrix;

  @Option(names = "--journey-credits", paramLabel = "FILE",
      description = "Write each converting journey's credit per model and channel.")
  Path journeyCredits;

  @Option(names = "--decimals", paramLabel = "N",
      description = "Round the numbers written to N decimals (default: every digit, read back exactly).")
  Integer decimals;

  @Option(names = "--intervals", paramLabel = "N",
      description = "Add bootstrap confidence intervals from N replicates (200 is usual): columns attributed_value_low,"
          + "attributed_value_high,attributed_conversions_low,attributed_conversions_high,rank_change_share.")
  Integer intervals;

  @Option(names = "--confidence", defaultValue = IntervalSettings.DEFAULT_CONFIDENCE, paramLabel = "C",
      description = "With --intervals: the intervals' confidence level; default ${DEFAULT-VALUE}.")
  double confidence;

  @Option(names = "--seed", defaultValue = IntervalSettings.DEFAULT_SEED, paramLabel = "S",
      description = "With --intervals: the seed of the replicates (same seed, same intervals); default ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() throws Exception {
    AttributionSettings settings = new AttributionSettings(models, order, lookbackDays, transform, pathSeparator);
    settings.check();
    IntervalSettings intervalSettings = new IntervalSettings(intervals, confidence, seed);
    intervalSettings.check();
    Map<String, AttributionModel> byLabel = settings.attributionModels();
    boolean hasMarkov = byLabel.values().stream().anyMatch(m -> m.spec().type().equals("markov"));
    if ((removalEffects != null || transitionMatrix != null) && !hasMarkov) {
      throw new UsageException((removalEffects != null ? "--removal-effects" : "--transition-matrix")
          + ": needs a markov model in --models");
    }
    if (format == Format.paths) {
      for (AttributionModel model : byLabel.values()) {
        if (model.needsTimes()) {
          throw new UsageException("model " + model.spec().label()
              + ": needs touch and conversion times; path files have none, use touchpoint data");
        }
      }
    }
    if (decimals != null && (decimals < 0 || decimals > ResultFiles.MAX_DECIMALS)) {
      throw new UsageException("--decimals " + decimals + ": must be between 0 and " + ResultFiles.MAX_DECIMALS);
    }
    checkReadable("--input", input, true);
    warnAboutOptionsThatDoNothing();
    // Only touchpoints are grouped; path files do without compiling GA4's rules.
    ChannelGrouping grouping = null;
    if (format != Format.paths) {
      grouping = ChannelGrouping.ga4();
      if (channelRules != null) {
        checkReadable("--channel-rules", channelRules, false);
        try {
          grouping = ChannelRulesFile.read(channelRules);
        } catch (InputException e) {
          throw new UsageException("--channel-rules " + channelRules + ": " + e.getMessage());
        }
      }
    }
    ResultFiles files = decimals == null ? ResultFiles.exact() : ResultFiles.rounded(decimals);

    PrintWriter err = spec.commandLine().getErr();
    Timing timing = new Timing(err);
    // Outputs are opened first, so that one that cannot be written stops the run before any work.
    try (Outputs outputs = new Outputs(spec.commandLine().getOut());
        InputFile in = InputFile.open(input, standardInput);
        Progress progress = Progress.start(err)) {
      this.progress = progress;
      outputs.open(output, removalEffects, transitionMatrix, journeyCredits);
      progress.phase("reading " + in.name(), in::bytesRead, in.size(), "MB", 1e6);
      JourneyBatch batch = read(in, settings.pathTransform(), grouping, progress, timing);
      timing.mark("read " + batch.size() + " rows, " + batch.touchCount() + " touches");
      warnAboutTheData(batch, byLabel);
      progress.phase("attributing");
      List<ModelRun> runs = Attribution.runAll(batch, new ArrayList<>(byLabel.values()));
      timing.mark("attributed");
      List<ModelIntervals> bounds = null;
      if (intervalSettings.requested()) {
        progress.phase("bootstrap intervals: " + intervals + " replicates");
        bounds = intervalSettings.bootstrap().run(batch, runs);
        timing.mark("intervals");
      }
      progress.phase("writing");
      outputs.write(files, new ArrayList<>(byLabel.keySet()), runs, bounds, batch);
      timing.mark("written");
      progress.close();
      for (ModelRun run : runs) {
        for (String note : run.totals().notes()) {
          err.println("note: " + run.totals().model() + ": " + note);
        }
      }
    }
    return 0;
  }

  private void checkReadable(String option, Path file, boolean standardInputAllowed) throws UsageException {
    if (standardInputAllowed && file.toString().equals(InputFile.STANDARD_INPUT)) {
      return;
    }
    if (!Files.exists(file)) {
      throw new UsageException(option + " " + file + ": no such file");
    }
    if (Files.isDirectory(file)) {
      throw new UsageException(option + " " + file + ": is a directory");
    }
    if (!Files.isReadable(file)) {
      throw new UsageException(option + " " + file + ": cannot be read: permission denied");
    }
  }

  private JourneyBatch read(InputFile in, PathTransform pathTransform, ChannelGrouping grouping, Progress progress,
      Timing timing) throws IOException, InputException {
    if (format == Format.paths) {
      return PathFileReader.read(in, pathSeparator, new ChannelDictionary()).transformed(pathTransform);
    }
    List<UserEvent> events = format == Format.ga4_export ? Ga4ExportReader.read(in) : TouchpointFileReader.read(in);
    timing.mark("read " + events.size() + " events");
    long[] built = new long[1];
    progress.phase("building journeys", () -> built[0], events.size(), "events", 1);
    JourneyBuilder.Result journeys = JourneyBuilder.defaults().lookbackDays(lookbackDays).transform(pathTransform)
        .grouping(grouping).build(events, done -> built[0] = done);
    timing.mark("built " + journeys.journeys().size() + " journeys");
    progress.phase("building journeys: columns of " + journeys.journeys().size() + " journeys");
    if (journeys.unattributedConversions() > 0) {
      say("note: " + journeys.unattributedConversions()
          + " conversions had no touch within the lookback window and are left unattributed");
    }
    return JourneyBatch.of(journeys.journeys(), new ChannelDictionary());
  }

  /** Options set for the other format do nothing for this one: worth a word, not a refusal. */
  private void warnAboutOptionsThatDoNothing() {
    if (intervals == null) {
      for (String option : List.of("--confidence", "--seed")) {
        if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
          warn(option + " does nothing without --intervals N");
        }
      }
    }
    List<String> unused = format == Format.paths ? List.of("--lookback-days", "--channel-rules")
        : List.of("--path-separator");
    for (String option : unused) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        warn(option + " does nothing for " + format + " files"
            + (format == Format.paths ? " (they have no times or sources; it is for --format touchpoints)" : ""));
      }
    }
  }

  /** What the data makes of the models: worth a word when the numbers will look wrong for a reason. */
  private void warnAboutTheData(JourneyBatch batch, Map<String, AttributionModel> models) {
    // Each search ends at the first row that has some, usually among the first.
    boolean converts = false;
    for (int row = 0; row < batch.size() && !converts; row++) {
      converts = batch.conversions(row) > 0;
    }
    boolean nulls = false;
    for (int row = 0; row < batch.size() && !nulls; row++) {
      nulls = batch.nulls(row) > 0;
    }
    if (format == Format.paths && batch.maxLength() == 1 && batch.size() > 0) {
      warn("the path separator \"" + pathSeparator + "\" never occurs in " + inputName()
          + ": every path is one channel (--path-separator sets it)");
    }
    if (!converts) {
      warn("nothing converts in " + inputName() + ": every credit is 0");
    }
    List<String> learning = new ArrayList<>();
    models.forEach((label, model) -> {
      if (model.dataDriven()) {
        learning.add(label);
      }
    });
    if (!nulls && converts && !learning.isEmpty()) {
      warn("no path in " + inputName() + " is null (without conversion): " + String.join(", ", learning)
          + " compare converting paths with paths that did not convert, and have nothing to compare with"
          + (format == Format.paths ? " (a total_null column holds them)" : ""));
    }
  }

  private String inputName() {
    return input.toString().equals(InputFile.STANDARD_INPUT) ? "standard input" : input.toString();
  }

  private void warn(String message) {
    say("warning: " + message);
  }

  private void say(String line) {
    if (progress != null) {
      progress.say(line);
    } else {
      spec.commandLine().getErr().println(line);
    }
  }

  /** The files a run writes: opened before the work, committed together after it, standard output last. */
  private static final class Outputs implements AutoCloseable {
    private final Writer standardOutput;
    private OutputFile totals;
    private OutputFile effects;
    private OutputFile transitions;
    private OutputFile credits;

    Outputs(Writer standardOutput) {
      this.standardOutput = standardOutput;
    }

    void open(Path output, Path removalEffects, Path transitionMatrix, Path journeyCredits) throws IOException {
      totals = output == null ? null : OutputFile.open(output, standardOutput);
      effects = removalEffects == null ? null : OutputFile.open(removalEffects, standardOutput);
      transitions = transitionMatrix == null ? null : OutputFile.open(transitionMatrix, standardOutput);
      credits = journeyCredits == null ? null : OutputFile.open(journeyCredits, standardOutput);
    }

    void write(ResultFiles files, List<String> labels, List<ModelRun> runs, List<ModelIntervals> intervals,
        JourneyBatch batch) throws IOException {
      MarkovFit markov = runs.stream().map(ModelRun::fit).filter(MarkovFit.class::isInstance)
          .map(MarkovFit.class::cast).findFirst().orElse(null);
      if (effects != null) {
        files.writeRemovalEffects(effects.writer(), markov);
      }
      if (transitions != null) {
        files.writeTransitions(transitions.writer(), markov);
      }
      if (credits != null) {
        files.writeJourneyCredits(credits.writer(), labels, runs, batch);
      }
      if (totals != null) {
        writeTotals(files, totals.writer(), labels, runs, intervals);
      }
      for (OutputFile file : new OutputFile[] {effects, transitions, credits, totals}) {
        if (file != null) {
          file.commit();
        }
      }
      if (totals == null) {
        writeTotals(files, standardOutput, labels, runs, intervals);
        standardOutput.flush();
      }
    }

    private static void writeTotals(ResultFiles files, Writer out, List<String> labels, List<ModelRun> runs,
        List<ModelIntervals> intervals) throws IOException {
      if (intervals == null) {
        files.writeTotals(out, labels, runs);
      } else {
        files.writeTotals(out, labels, runs, intervals);
      }
    }

    @Override
    public void close() {
      for (OutputFile file : new OutputFile[] {totals, effects, transitions, credits}) {
        if (file != null) {
          file.close();
        }
      }
    }
  }
}
