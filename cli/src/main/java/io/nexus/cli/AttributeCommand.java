package io.nexus.cli;

import io.nexus.cli.files.AtomicOutput;
import io.nexus.cli.files.ChannelRulesFile;
import io.nexus.cli.files.InputException;
import io.nexus.cli.files.PathFileReader;
import io.nexus.cli.files.TouchpointFileReader;
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
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nexus attribute}: reads paths or touchpoints, runs the models, writes channel totals as CSV. */
@Command(name = "attribute", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Credit conversions to channels under one or more models.",
    footer = {"", "Models: first_touch, last_touch, last_non_direct, linear, time_decay(half_life=7), "
        + "position_based(first=0.4,middle=0.2,last=0.4), j_shaped, inverse_j, w_shaped, participation, "
        + "markov(order=1), shapley(cap=20), counterfactual.",
        "Output columns: model,channel,attributed_conversions,attributed_value."})
final class AttributeCommand implements Callable<Integer> {

  enum Format { paths, touchpoints }

  @Spec
  CommandSpec spec;

  @Mixin
  AttributionOptions options;

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "Input CSV file.")
  Path input;

  @Option(names = "--format", defaultValue = "paths", paramLabel = "FORMAT",
      description = "paths (ChannelAttribution: path,total_conversions[,total_conversion_value][,total_null]) or "
          + "touchpoints (user_id,timestamp,channel|source/medium/campaign,...); default ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output CSV (default: stdout).")
  Path output;

  @Option(names = "--removal-effects", paramLabel = "FILE", description = "Write the Markov removal effects.")
  Path removalEffects;

  @Option(names = "--transition-matrix", paramLabel = "FILE", description = "Write the Markov transition matrix.")
  Path transitionMatrix;

  @Option(names = "--journey-credits", paramLabel = "FILE",
      description = "Write each converting journey's credit per model and channel.")
  Path journeyCredits;

  @Option(names = "--channel-rules", paramLabel = "FILE",
      description = "Touchpoints: CSV channel,source,medium,campaign of regexes applied before GA4's groups.")
  Path channelRules;

  @Override
  public Integer call() throws Exception {
    options.check();
    PathTransform pathTransform = options.pathTransform();
    Map<String, AttributionModel> byLabel = options.models();
    boolean hasMarkov = byLabel.values().stream().anyMatch(m -> m.spec().type().equals("markov"));
    if ((removalEffects != null || transitionMatrix != null) && !hasMarkov) {
      throw new UsageException((removalEffects != null ? "--removal-effects" : "--transition-matrix")
          + ": needs a markov model in --models");
    }
    if (!Files.isRegularFile(input)) {
      throw new UsageException("--input " + input + ": no such file");
    }

    JourneyBatch batch;
    Timing timing = new Timing(spec.commandLine().getErr());
    try (Progress progress = Progress.start(spec.commandLine().getErr(), "reading " + input.getFileName(), Files.size(input))) {
      batch = read(progress, pathTransform);
      timing.mark("read " + batch.size() + " rows, " + batch.touchCount() + " touches");
      progress.phase("attributing");
      List<ModelRun> runs = Attribution.runAll(batch, new ArrayList<>(byLabel.values()));
      timing.mark("attributed");
      progress.phase("writing");
      write(new ArrayList<>(byLabel.keySet()), runs, batch);
      timing.mark("written");
      for (ModelRun run : runs) {
        for (String note : run.totals().notes()) {
          spec.commandLine().getErr().println("note: " + run.totals().model() + ": " + note);
        }
      }
    }
    return 0;
  }

  private JourneyBatch read(Progress progress, PathTransform pathTransform) throws IOException, InputException {
    if (format == Format.paths) {
      JourneyBatch raw = PathFileReader.read(input, options.pathSeparator(), new ChannelDictionary(), progress::advance);
      return pathTransform == PathTransform.UNIQUE ? raw : transformed(raw, pathTransform);
    }
    ChannelGrouping grouping = channelRules == null ? ChannelGrouping.ga4() : ChannelRulesFile.read(channelRules);
    List<UserEvent> events = TouchpointFileReader.read(input, progress::advance);
    progress.phase("building journeys");
    JourneyBuilder.Result built = JourneyBuilder.defaults().lookbackDays(options.lookbackDays()).transform(pathTransform)
        .grouping(grouping).build(events);
    if (built.unattributedConversions() > 0) {
      spec.commandLine().getErr().println("note: " + built.unattributedConversions()
          + " conversions had no touch within the lookback window and are left unattributed");
    }
    List<Journey> journeys = built.journeys();
    return JourneyBatch.of(journeys, new ChannelDictionary());
  }

  private static JourneyBatch transformed(JourneyBatch raw, PathTransform pathTransform) {
    JourneyBatch.Builder builder = JourneyBatch.builder(raw.channels());
    int[] path = new int[Math.max(1, raw.maxLength())];
    for (int row = 0; row < raw.size(); row++) {
      for (int i = 0; i < raw.length(row); i++) {
        path[i] = raw.channel(raw.start(row) + i);
      }
      int n = pathTransform.apply(path, 0, raw.length(row), path);
      builder.addPath(path, 0, n, raw.conversions(row), raw.value(row), raw.nulls(row));
    }
    return builder.build();
  }

  private void write(List<String> labels, List<ModelRun> runs, JourneyBatch batch) throws IOException {
    List<AtomicOutput> files = new ArrayList<>();
    try {
      if (output != null) {
        AtomicOutput file = AtomicOutput.open(output);
        files.add(file);
        ResultFiles.writeTotals(file.writer(), labels, runs);
      }
      MarkovFit markov = runs.stream().map(ModelRun::fit).filter(MarkovFit.class::isInstance)
          .map(MarkovFit.class::cast).findFirst().orElse(null);
      if (removalEffects != null) {
        AtomicOutput file = AtomicOutput.open(removalEffects);
        files.add(file);
        ResultFiles.writeRemovalEffects(file.writer(), markov);
      }
      if (transitionMatrix != null) {
        AtomicOutput file = AtomicOutput.open(transitionMatrix);
        files.add(file);
        ResultFiles.writeTransitions(file.writer(), markov);
      }
      if (journeyCredits != null) {
        AtomicOutput file = AtomicOutput.open(journeyCredits);
        files.add(file);
        ResultFiles.writeJourneyCredits(file.writer(), labels, runs, batch);
      }
      for (AtomicOutput file : files) {
        file.commit();
      }
    } finally {
      for (AtomicOutput file : files) {
        file.close();
      }
    }
    if (output == null) {
      Writer out = spec.commandLine().getOut();
      ResultFiles.writeTotals(out, labels, runs);
      out.flush();
    }
  }
}
