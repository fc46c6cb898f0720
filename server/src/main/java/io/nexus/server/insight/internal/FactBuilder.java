package io.nexus.server.insight.internal;

import io.nexus.engine.PathTransform;
import io.nexus.engine.ReturnOnSpend;
import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.analytics.ConversionPath;
import io.nexus.server.analytics.PathTally;
import io.nexus.server.analytics.RangeCost;
import io.nexus.server.attribution.AttributionReports.ChannelReport;
import io.nexus.server.attribution.ChannelAmount;
import io.nexus.server.channel.Channel;
import io.nexus.server.insight.internal.AnalysisType.Family;
import io.nexus.server.insight.internal.FactSheet.ChannelRef;
import io.nexus.server.insight.internal.FactSheet.ModelRef;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.model.ModelDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Computes the facts of one request from its journeys, the same way the reports do: the channels' credits under each
 * model from the attribution module, cost per channel by channel ROI's rule (the analytics module's
 * {@link io.nexus.server.analytics.CostRule}; the touches' own for journeys given by id), ROI and ROAS as {@link ReturnOnSpend} gives
 * them, the top paths with the analytics module's {@link PathTally}. Deterministic: the same data give the same
 * facts in the same order, which is what the AI answers are cached by.
 */
final class FactBuilder {
  /** Disagreements and week-over-week movers per model kept as facts. */
  static final int TOP = 3;

  private final JourneySelection selection;
  private final List<ModelDefinition> models;
  private final Map<Long, Channel> catalogue;
  private final AnalysisType type;
  private final AiCallBudget budget;

  /** {@code budget}: the request's AI calls, which crediting under the AI model spends. */
  FactBuilder(JourneySelection selection, List<ModelDefinition> models, Map<Long, Channel> catalogue,
      AnalysisType type, AiCallBudget budget) {
    this.selection = selection;
    this.models = models;
    this.catalogue = catalogue;
    this.type = type;
    this.budget = budget;
  }

  /** What one walk over the journeys counts. */
  private static final class Walk {
    final PathTally paths = new PathTally(PathTransform.UNIQUE);
    long journeys;
    long converting;
    long conversions;
    BigDecimal revenue = BigDecimal.ZERO;
    final List<Double> days = new ArrayList<>();
    final List<Double> touches = new ArrayList<>();
    final long[] weekJourneys = new long[2];
    final long[] weekConversions = new long[2];
    final BigDecimal[] weekRevenue = {BigDecimal.ZERO, BigDecimal.ZERO};
  }

  FactSheet build() {
    Instant anchor = selection.weekAnchor();
    Instant weekStart = anchor.minus(JourneySelection.WEEK);
    Instant previousStart = weekStart.minus(JourneySelection.WEEK);
    // Credits first: a model that cannot credit (the AI model without a provider or fallback) refuses before the
    // journeys are walked.
    Map<Long, ChannelReport> reports = new LinkedHashMap<>();
    Map<Long, Map<Long, ChannelAmount>> credited = new LinkedHashMap<>();
    for (ModelDefinition model : models) {
      ChannelReport report = selection.report(model.id(), budget);
      reports.put(model.id(), report);
      credited.put(model.id(), report.totals());
    }
    Walk walk = walk(previousStart, weekStart, anchor);
    RangeCost rangeCost = selection.cost();
    Map<Long, BigDecimal> cost = cents(rangeCost.byChannel());
    Set<Long> channelIds = new TreeSet<>(cost.keySet());
    credited.values().forEach(totals -> channelIds.addAll(totals.keySet()));
    FactSheet sheet = sheet(channelIds, reports);
    totals(sheet, walk, cost, rangeCost);
    if (type.has(Family.CHANNELS)) {
      channels(sheet, credited, cost);
    }
    if (type.has(Family.DISAGREEMENT)) {
      disagreements(sheet, credited);
    }
    if (type.has(Family.WEEK_OVER_WEEK)) {
      weekOverWeek(sheet, walk, previousStart, weekStart, anchor);
    }
    if (type.has(Family.PATHS)) {
      paths(sheet, walk);
    }
    if (type.has(Family.TIMING)) {
      timing(sheet, walk);
    }
    return sheet;
  }

  private Walk walk(Instant previousStart, Instant weekStart, Instant anchor) {
    Walk walk = new Walk();
    selection.forEach(journey -> {
      walk.journeys++;
      walk.paths.add(journey);
      Instant started = journey.journey().startTime();
      int week = started.isBefore(previousStart) || !started.isBefore(anchor) ? -1
          : started.isBefore(weekStart) ? 0 : 1;
      if (week >= 0) {
        walk.weekJourneys[week]++;
      }
      if (journey.conversions().isEmpty()) {
        return;
      }
      walk.converting++;
      walk.conversions += journey.conversions().size();
      walk.revenue = walk.revenue.add(journey.journey().conversionValue());
      if (week >= 0) {
        walk.weekConversions[week] += journey.conversions().size();
        walk.weekRevenue[week] = walk.weekRevenue[week].add(journey.journey().conversionValue());
      }
      timing(journey, walk);
    });
    return walk;
  }

  /** Days and touches from the first touch to the last conversion, of journeys with a touch before it. */
  private static void timing(JourneyDetail journey, Walk walk) {
    Instant converted = journey.conversions().stream().map(c -> c.timestamp()).max(Instant::compareTo).orElseThrow();
    List<Instant> before = journey.touchpoints().stream().map(t -> t.timestamp())
        .filter(t -> !t.isAfter(converted)).sorted().toList();
    if (before.isEmpty()) {
      return;
    }
    walk.days.add((converted.toEpochMilli() - before.get(0).toEpochMilli()) / 86_400_000.0);
    walk.touches.add((double) before.size());
  }

  private FactSheet sheet(Set<Long> channelIds, Map<Long, ChannelReport> reports) {
    // A model goes by its type (roi.markov.email) unless another model of the same type has a lower id; that one
    // goes by its name (roi.markov_chain_order_2.email).
    Map<String, Long> firstOfType = models.stream()
        .collect(Collectors.toMap(ModelDefinition::modelType, ModelDefinition::id, Math::min));
    Map<ModelDefinition, String> modelSlugs = Slugs.unique(models,
        m -> firstOfType.get(m.modelType()) == m.id() ? m.modelType() : m.name(), ModelDefinition::id);
    // The AI model's facts go by its own slug, also when its fallback model's credits stand in for its answers.
    List<ModelRef> modelRefs = models.stream().map(m -> new ModelRef(m.id(), m.name(), modelSlugs.get(m),
        reports.get(m.id()).fallback(), reports.get(m.id()).ai())).toList();
    List<Long> ids = List.copyOf(channelIds);
    Map<Long, String> slugs = Slugs.unique(ids, id -> name(id), id -> id);
    List<ChannelRef> channelRefs = ids.stream().map(id -> new ChannelRef(id, name(id), slugs.get(id))).toList();
    ModelRef primary = modelRefs.stream().filter(m -> type(m).equals("markov")).findFirst()
        .or(() -> modelRefs.stream().filter(m -> type(m).equals("shapley")).findFirst())
        .orElse(modelRefs.get(0));
    return new FactSheet(modelRefs, channelRefs, primary);
  }

  private String type(ModelRef ref) {
    return models.stream().filter(m -> m.id() == ref.id()).findFirst().orElseThrow().modelType();
  }

  private String name(long channelId) {
    Channel channel = catalogue.get(channelId);
    return channel == null ? "#" + channelId : channel.name();
  }

  private static void totals(FactSheet sheet, Walk walk, Map<Long, BigDecimal> cost, RangeCost rangeCost) {
    BigDecimal revenue = walk.revenue.setScale(2, RoundingMode.HALF_UP);
    BigDecimal spent = cost.values().stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    sheet.add(new Fact("totals.journeys", "count", walk.journeys, null));
    sheet.add(new Fact("totals.converting_journeys", "count", walk.converting, null));
    sheet.add(new Fact("totals.conversions", "count", walk.conversions, null));
    sheet.add(new Fact("totals.revenue", "money", revenue, null));
    // Where the cost came from, so that a reader (or the model) knows whether platform spend is in it.
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("cost_source", rangeCost.source());
    if (rangeCost.currency() != null) {
      source.put("spend_currency", rangeCost.currency());
    }
    sheet.add(new Fact("totals.cost", "money", spent, source));
    ReturnOnSpend returned = new ReturnOnSpend(revenue, spent);
    if (returned.roas() != null) {
      sheet.add(new Fact("totals.roi", "percent", returned.roi(), null));
      sheet.add(new Fact("totals.roas", "ratio", returned.roas(), null));
    }
  }

  private void channels(FactSheet sheet, Map<Long, Map<Long, ChannelAmount>> credited, Map<Long, BigDecimal> cost) {
    BigDecimal totalCost = cost.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    for (ChannelRef channel : sheet.channels()) {
      BigDecimal spent = cost.getOrDefault(channel.id(), BigDecimal.ZERO.setScale(2));
      sheet.add(new Fact(FactSheet.cost(channel), "money", spent, about(null, channel)));
      if (type.has(Family.SHARES) && totalCost.signum() > 0) {
        sheet.add(new Fact(FactSheet.costShare(channel), "ratio", spent.divide(totalCost, 6, RoundingMode.HALF_UP),
            about(null, channel)));
      }
    }
    for (ModelRef model : sheet.models()) {
      Map<Long, ChannelAmount> totals = credited.get(model.id());
      BigDecimal modelRevenue = revenue(totals.values());
      for (ChannelRef channel : sheet.channels()) {
        ChannelAmount amount = totals.get(channel.id());
        BigDecimal revenue = amount == null ? BigDecimal.ZERO.setScale(2)
            : amount.revenue().setScale(2, RoundingMode.HALF_UP);
        Map<String, Object> about = about(model, channel);
        if (type.has(Family.CONVERSIONS)) {
          sheet.add(new Fact(FactSheet.conversions(model, channel), "number",
              decimal(amount == null ? 0 : amount.conversions(), 4), about));
        }
        sheet.add(new Fact(FactSheet.revenue(model, channel), "money", revenue, about));
        ReturnOnSpend returned = new ReturnOnSpend(revenue, cost.getOrDefault(channel.id(), BigDecimal.ZERO));
        if (returned.roas() != null) {
          sheet.add(new Fact(FactSheet.roi(model, channel), "percent", returned.roi(), about));
          sheet.add(new Fact(FactSheet.roas(model, channel), "ratio", returned.roas(), about));
        }
        if (type.has(Family.SHARES) && modelRevenue.signum() > 0) {
          sheet.add(new Fact(FactSheet.revenueShare(model, channel), "ratio",
              revenue.divide(modelRevenue, 6, RoundingMode.HALF_UP), about));
        }
      }
    }
  }

  /** The channels whose share of revenue differs most between two models, largest difference first. */
  private void disagreements(FactSheet sheet, Map<Long, Map<Long, ChannelAmount>> credited) {
    if (sheet.models().size() < 2) {
      return;
    }
    record Spread(ChannelRef channel, BigDecimal spread, ModelRef high, BigDecimal highShare, ModelRef low,
        BigDecimal lowShare) {}
    List<Spread> spreads = new ArrayList<>();
    for (ChannelRef channel : sheet.channels()) {
      ModelRef high = null;
      ModelRef low = null;
      BigDecimal highShare = null;
      BigDecimal lowShare = null;
      for (ModelRef model : sheet.models()) {
        Map<Long, ChannelAmount> totals = credited.get(model.id());
        BigDecimal all = revenue(totals.values());
        ChannelAmount amount = totals.get(channel.id());
        BigDecimal share = all.signum() == 0 || amount == null ? BigDecimal.ZERO.setScale(6)
            : amount.revenue().divide(all, 6, RoundingMode.HALF_UP);
        if (high == null || share.compareTo(highShare) > 0) {
          high = model;
          highShare = share;
        }
        if (low == null || share.compareTo(lowShare) < 0) {
          low = model;
          lowShare = share;
        }
      }
      BigDecimal spread = highShare.subtract(lowShare);
      if (spread.signum() > 0) {
        spreads.add(new Spread(channel, spread, high, highShare, low, lowShare));
      }
    }
    spreads.sort(Comparator.comparing(Spread::spread).reversed().thenComparing(s -> s.channel().slug()));
    for (int i = 0; i < Math.min(TOP, spreads.size()); i++) {
      Spread s = spreads.get(i);
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("spread", s.spread());
      value.put("high_share", s.highShare());
      value.put("low_share", s.lowShare());
      Map<String, Object> about = new LinkedHashMap<>();
      about.put("channel", s.channel().name());
      about.put("high_model", s.high().name());
      about.put("low_model", s.low().name());
      sheet.add(new Fact("disagreement." + (i + 1), "disagreement", value, about));
    }
  }

  private void weekOverWeek(FactSheet sheet, Walk walk, Instant previousStart, Instant weekStart, Instant anchor) {
    Map<String, Object> weeks = new LinkedHashMap<>();
    weeks.put("previous_week", previousStart + "/" + weekStart);
    weeks.put("current_week", weekStart + "/" + anchor);
    sheet.add(new Fact("wow.journeys", "change", change(walk.weekJourneys[0], walk.weekJourneys[1]), weeks));
    sheet.add(new Fact("wow.conversions", "change", change(walk.weekConversions[0], walk.weekConversions[1]),
        weeks));
    sheet.add(new Fact("wow.revenue", "change", change(walk.weekRevenue[0].setScale(2, RoundingMode.HALF_UP),
        walk.weekRevenue[1].setScale(2, RoundingMode.HALF_UP)), weeks));
    Map<Long, BigDecimal> previousCost = cents(selection.cost(previousStart, weekStart).byChannel());
    Map<Long, BigDecimal> currentCost = cents(selection.cost(weekStart, anchor).byChannel());
    sheet.add(new Fact("wow.cost", "change", change(sum(previousCost), sum(currentCost)), weeks));
    for (ChannelRef channel : sheet.channels()) {
      BigDecimal before = previousCost.get(channel.id());
      BigDecimal now = currentCost.get(channel.id());
      if (before != null || now != null) {
        sheet.add(new Fact(FactSheet.weekCost(channel), "change", change(zeroIfNull(before), zeroIfNull(now)),
            about(null, channel)));
      }
    }
    for (ModelRef model : sheet.models()) {
      Map<Long, ChannelAmount> before = selection.totals(model.id(), previousStart, weekStart, budget);
      Map<Long, ChannelAmount> now = selection.totals(model.id(), weekStart, anchor, budget);
      record Mover(ChannelRef channel, BigDecimal before, BigDecimal now) {
        BigDecimal size() {
          return now.subtract(before).abs();
        }
      }
      List<Mover> movers = new ArrayList<>();
      for (ChannelRef channel : sheet.channels()) {
        Mover mover = new Mover(channel, cents(before.get(channel.id())), cents(now.get(channel.id())));
        if (mover.size().signum() > 0) {
          movers.add(mover);
        }
      }
      movers.sort(Comparator.comparing(Mover::size).reversed().thenComparing(m -> m.channel().slug()));
      for (Mover mover : movers.subList(0, Math.min(TOP, movers.size()))) {
        sheet.add(new Fact(FactSheet.weekRevenue(model, mover.channel()), "change",
            change(mover.before(), mover.now()), about(model, mover.channel())));
      }
    }
  }

  private void paths(FactSheet sheet, Walk walk) {
    Map<Long, String> names = new HashMap<>();
    walk.paths.channelIds().forEach(id -> names.put(id, name(id)));
    List<ConversionPath> top = walk.paths.top(type.paths(), names);
    for (int i = 0; i < top.size(); i++) {
      ConversionPath path = top.get(i);
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("channels", path.path());
      value.put("journeys", path.journeys());
      value.put("conversions", path.conversions());
      value.put("conversion_rate", decimal(path.conversionRate(), 4));
      value.put("revenue", path.revenue());
      value.put("avg_days_to_conversion", decimal(path.avgDaysToConversion(), 2));
      value.put("avg_touches_to_conversion", decimal(path.avgTouchesToConversion(), 2));
      sheet.add(new Fact("path." + (i + 1), "path", value, null));
    }
  }

  private static void timing(FactSheet sheet, Walk walk) {
    if (walk.days.isEmpty()) {
      return;
    }
    sheet.add(new Fact("timing.days_to_conversion", "distribution", distribution(walk.days), null));
    sheet.add(new Fact("timing.touches_to_conversion", "distribution", distribution(walk.touches), null));
  }

  /** Mean, median and 90th percentile (nearest rank) to 2 places, and how many values. */
  static Map<String, Object> distribution(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("mean", decimal(sorted.stream().mapToDouble(Double::doubleValue).sum() / n, 2));
    value.put("median", decimal(median, 2));
    value.put("p90", decimal(sorted.get((int) Math.ceil(0.9 * n) - 1), 2));
    value.put("journeys", (long) n);
    return value;
  }

  /** Previous and current value, the change and the change in percent ({@code null} from nothing). */
  static Map<String, Object> change(Number previous, Number current) {
    BigDecimal before = previous instanceof BigDecimal d ? d : BigDecimal.valueOf(previous.longValue());
    BigDecimal now = current instanceof BigDecimal d ? d : BigDecimal.valueOf(current.longValue());
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("previous", previous);
    value.put("current", current);
    value.put("change", current instanceof BigDecimal ? now.subtract(before) : (Object) (current.longValue()
        - previous.longValue()));
    value.put("change_percent", before.signum() == 0 ? null
        : now.subtract(before).multiply(BigDecimal.valueOf(100)).divide(before.abs(), 2, RoundingMode.HALF_UP));
    return value;
  }

  private static Map<String, Object> about(ModelRef model, ChannelRef channel) {
    Map<String, Object> about = new LinkedHashMap<>();
    if (model != null) {
      about.put("model", model.name());
    }
    about.put("channel", channel.name());
    return about;
  }

  private static BigDecimal revenue(java.util.Collection<ChannelAmount> amounts) {
    return amounts.stream().map(ChannelAmount::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static Map<Long, BigDecimal> cents(Map<Long, BigDecimal> amounts) {
    Map<Long, BigDecimal> rounded = new HashMap<>();
    amounts.forEach((id, amount) -> rounded.put(id, amount.setScale(2, RoundingMode.HALF_UP)));
    return rounded;
  }

  private static BigDecimal cents(ChannelAmount amount) {
    return amount == null ? BigDecimal.ZERO.setScale(2) : amount.revenue().setScale(2, RoundingMode.HALF_UP);
  }

  private static BigDecimal sum(Map<Long, BigDecimal> amounts) {
    return amounts.values().stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
  }

  private static BigDecimal zeroIfNull(BigDecimal amount) {
    return amount == null ? BigDecimal.ZERO.setScale(2) : amount;
  }

  static BigDecimal decimal(double value, int places) {
    return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP);
  }
}
