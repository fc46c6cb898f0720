package io.nexus.cli;

import io.nexus.engine.AttributionModel;
import io.nexus.engine.budget.BudgetOptimizer;
import io.nexus.engine.budget.BudgetPlan;
import io.nexus.engine.budget.CurveFit;
import io.nexus.engine.budget.PlanBootstrap;
import io.nexus.engine.budget.ResponseCurves;
import io.nexus.engine.budget.SpendHistory;
import io.nexus.engine.budget.SpendLimits;
import io.nexus.engine.journey.ChannelGrouping;
import io.nexus.engine.journey.JourneyBuilder;
import io.nexus.engine.journey.UserEvent;
import io.nexus.formats.AttributionSettings;
import io.nexus.formats.InputException;
import io.nexus.formats.InputFile;
import io.nexus.formats.IntervalSettings;
import io.nexus.formats.OutputFile;
import io.nexus.formats.touchpoints.ChannelRulesFile;
import io.nexus.formats.touchpoints.TouchpointFileReader;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nexus plan}: fits each channel's response curve to a touchpoint file's daily spend and attributed revenue,
 * then writes the allocation of a budget that maximises the expected revenue, as CSV (see docs/budget.md).
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Recommend how to split a budget over channels from their fitted response curves.")
final class PlanCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  /** What {@code --input -} reads; set by {@link NexusCommand}. */
  InputStream standardInput = System.in;

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE",
      description = "Touchpoint CSV (user_id,timestamp,channel|source/medium/campaign,cost,...,conversion,revenue); "
          + "- for standard input.")
  Path input;

  @Option(names = "--budget", required = true, paramLabel = "AMOUNT",
      description = "The budget to split over the planned period, in whole cents at most.")
  BigDecimal budget;

  @Option(names = "--days", paramLabel = "N",
      description = "Days the budget covers (default: the days the file covers).")
  Integer days;

  @Option(names = "--constraint", paramLabel = "CHANNEL=MIN:MAX",
      description = "Limits of one channel over the period, either side may be left empty (no MAX: twice its "
          + "highest daily spend seen, the curve being a guess beyond); repeatable.")
  List<String> constraints = new ArrayList<>();

  @Option(names = {"-m", "--model"}, defaultValue = "markov", paramLabel = "MODEL",
      description = "The model whose attributed revenue the curves are fitted to; default ${DEFAULT-VALUE}.")
  String model;

  @Option(names = "--lookback-days", defaultValue = AttributionSettings.DEFAULT_LOOKBACK_DAYS, paramLabel = "DAYS",
      description = "Days before a conversion that count; default ${DEFAULT-VALUE}.")
  double lookbackDays;

  @Option(names = "--channel-rules", paramLabel = "FILE",
      description = "CSV channel,source,medium,campaign of regexes applied before GA4's groups.")
  Path channelRules;

  @Option(names = "--intervals", paramLabel = "N",
      description = "Bootstrap N replicates over days for intervals of the expected revenue and the spends.")
  Integer intervals;

  @Option(names = "--confidence", defaultValue = IntervalSettings.DEFAULT_CONFIDENCE, paramLabel = "C",
      description = "Confidence of the intervals; default ${DEFAULT-VALUE}.")
  double confidence;

  @Option(names = "--seed", defaultValue = IntervalSettings.DEFAULT_SEED, paramLabel = "S",
      description = "Bootstrap seed; default ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output CSV (default: standard output).")
  Path output;

  @Override
  public Integer call() throws Exception {
    AttributionSettings settings = new AttributionSettings(model, 1, lookbackDays, "unique", ">");
    settings.check();
    if (settings.attributionModels().size() != 1) {
      throw new UsageException("--model " + model + ": one model, not a list");
    }
    AttributionModel attributionModel = settings.attributionModels().values().iterator().next();
    checkOptions();
    if (!input.toString().equals(InputFile.STANDARD_INPUT)) {
      // A pipe or a device is read as a file is: only what cannot be read at all is refused here.
      if (!Files.exists(input)) {
        throw new UsageException("--input " + input + ": no such file");
      }
      if (Files.isDirectory(input)) {
        throw new UsageException("--input " + input + ": is a directory");
      }
      if (!Files.isReadable(input)) {
        throw new UsageException("--input " + input + ": cannot be read: permission denied");
      }
    }
    ChannelGrouping grouping = ChannelGrouping.ga4();
    if (channelRules != null) {
      try {
        grouping = ChannelRulesFile.read(channelRules);
      } catch (InputException e) {
        throw new UsageException("--channel-rules " + channelRules + ": " + e.getMessage());
      }
    }
    List<UserEvent> events;
    try (InputFile in = InputFile.open(input, standardInput)) {
      events = TouchpointFileReader.read(in);
    }
    JourneyBuilder.Result journeys = JourneyBuilder.defaults().lookbackDays(lookbackDays).grouping(grouping)
        .build(events);
    DailySeries series = DailySeries.of(events, grouping, journeys.journeys(), attributionModel);
    int period = days == null ? series.days() : days;
    List<SpendHistory> histories = series.histories();
    List<CurveFit> fits = ResponseCurves.fit(histories);
    List<CurveFit> estimable = fits.stream().filter(CurveFit::estimable).toList();
    Map<String, SpendLimits> limits = BudgetOptimizer.withinObserved(estimable, period, limits(fits));
    BudgetPlan plan;
    try {
      plan = BudgetOptimizer.plan(estimable, period, budget.doubleValue(), limits);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--budget " + budget.toPlainString() + ": " + e.getMessage());
    }
    Map<String, Double> current = new LinkedHashMap<>();
    for (CurveFit fit : estimable) {
      current.put(fit.channel(), fit.totalSpend() * period / series.days());
    }
    BudgetPlan now = BudgetOptimizer.evaluate(estimable, period, current);
    PlanBootstrap bootstrap = intervals == null ? null
        : PlanBootstrap.of(histories.stream().filter(h -> estimable.stream()
            .anyMatch(f -> f.channel().equals(h.channel()))).toList(), intervals, seed);
    try (OutputFile out = output == null ? null : OutputFile.open(output, spec.commandLine().getOut())) {
      PlanTable table = new PlanTable(plan, now, bootstrap, limits, confidence);
      table.write(out == null ? spec.commandLine().getOut() : out.writer(), fits);
      if (out != null) {
        out.commit();
      }
    }
    spec.commandLine().getOut().flush();
    for (CurveFit fit : fits) {
      if (!fit.estimable()) {
        spec.commandLine().getErr().println("note: " + fit.channel() + " is not estimable and left out of the plan: "
            + fit.notEstimable());
      }
    }
    if (bootstrap != null && bootstrap.dropped() > 0) {
      spec.commandLine().getErr().println("note: " + bootstrap.dropped() + " of " + intervals
          + " bootstrap replicates left out: a channel could not be fitted on their days");
    }
    return 0;
  }

  private void checkOptions() throws UsageException {
    if (budget.signum() < 0) {
      throw new UsageException("--budget " + budget.toPlainString() + ": must not be negative");
    }
    if (budget.stripTrailingZeros().scale() > 2) {
      throw new UsageException("--budget " + budget.toPlainString() + ": at most 2 decimals (whole cents)");
    }
    if (days != null && days < 1) {
      throw new UsageException("--days " + days + ": must be at least 1");
    }
    if (intervals != null && (intervals < 10 || intervals > 10_000)) {
      throw new UsageException("--intervals " + intervals + ": must be between 10 and 10000");
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new UsageException("--confidence " + confidence + ": must be between 0 and 1");
    }
  }

  /** The limits of {@code --constraint}, each naming a channel that has a curve. */
  private Map<String, SpendLimits> limits(List<CurveFit> fits) throws UsageException {
    Map<String, SpendLimits> limits = new LinkedHashMap<>();
    for (String constraint : constraints) {
      String option = "--constraint " + constraint + ": ";
      int equals = constraint.lastIndexOf('=');
      int colon = constraint.lastIndexOf(':');
      if (equals < 1 || colon < equals) {
        throw new UsageException(option + "expected CHANNEL=MIN:MAX, such as Paid Search=1000:5000");
      }
      String channel = constraint.substring(0, equals);
      CurveFit fit = fits.stream().filter(f -> f.channel().equals(channel)).findFirst()
          .orElseThrow(() -> new UsageException(option + "no channel " + channel + " in the data"));
      if (!fit.estimable()) {
        throw new UsageException(option + channel + " is not estimable: " + fit.notEstimable());
      }
      BigDecimal min = amount(option + "MIN", constraint.substring(equals + 1, colon), BigDecimal.ZERO);
      BigDecimal max = amount(option + "MAX", constraint.substring(colon + 1), null);
      if (max != null && max.compareTo(min) < 0) {
        throw new UsageException(option + "MIN " + min.toPlainString() + " is above MAX " + max.toPlainString());
      }
      if (limits.put(channel, new SpendLimits(min.doubleValue(),
          max == null ? Double.POSITIVE_INFINITY : max.doubleValue())) != null) {
        throw new UsageException(option + channel + " is limited twice");
      }
    }
    return limits;
  }

  private static BigDecimal amount(String what, String text, BigDecimal blank) throws UsageException {
    if (text.isBlank()) {
      return blank;
    }
    try {
      BigDecimal amount = new BigDecimal(text.strip());
      if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2) {
        throw new UsageException(what + " " + text + ": must be an amount of at least 0 in whole cents");
      }
      return amount;
    } catch (NumberFormatException e) {
      throw new UsageException(what + " " + text + ": not a number");
    }
  }
}
