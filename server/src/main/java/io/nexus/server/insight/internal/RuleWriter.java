package io.nexus.server.insight.internal;

import io.nexus.server.ai.AiInsight;
import io.nexus.server.insight.internal.FactSheet.ChannelRef;
import io.nexus.server.insight.internal.FactSheet.ModelRef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes insights from the facts without an AI provider, each from one rule and citing the facts it rests on: the
 * channels with the best and worst ROAS under the primary model, where models disagree most, spend out of line with
 * revenue, week-over-week change, the top path and time to conversion. Deterministic; the rules fire only when their
 * facts exist, so the analysis type decides which do.
 */
final class RuleWriter {
  /** A week-over-week change smaller than this, in percent, is called steady. */
  static final BigDecimal NOTABLE_CHANGE = BigDecimal.TEN;
  /** A difference of revenue shares between models below this is not worth an insight. */
  static final BigDecimal NOTABLE_SPREAD = new BigDecimal("0.05");

  private final FactSheet sheet;
  private final List<AiInsight> insights = new ArrayList<>();

  private RuleWriter(FactSheet sheet) {
    this.sheet = sheet;
  }

  /** The insights and summary the rules give for {@code sheet}. */
  record Written(List<AiInsight> insights, String summary) {}

  static Written write(FactSheet sheet) {
    RuleWriter writer = new RuleWriter(sheet);
    writer.returnOnSpend();
    writer.disagreement();
    writer.spendOutOfLine();
    writer.weekOverWeek();
    writer.topPath();
    writer.timing();
    if (writer.insights.isEmpty()) {
      writer.insights.add(new AiInsight("Nothing stands out", "The selection holds "
          + sheet.number("totals.journeys") + " journeys with " + sheet.number("totals.conversions")
          + " conversions worth " + money(sheet.number("totals.revenue")) + "; no rule found a channel, change or "
          + "path to report on.", List.of("totals.journeys", "totals.conversions", "totals.revenue"),
          "Record the cost of touchpoints and select a longer period so that channels can be compared."));
    }
    return new Written(List.copyOf(writer.insights), writer.summary());
  }

  /** The best and the worst ROAS under the primary model, among channels that cost something. */
  private void returnOnSpend() {
    ModelRef model = sheet.primary();
    List<ChannelRef> paid = sheet.channels().stream().filter(c -> sheet.has(FactSheet.roas(model, c)))
        .sorted(Comparator.comparing((ChannelRef c) -> sheet.number(FactSheet.roas(model, c))).reversed()
            .thenComparing(ChannelRef::slug))
        .toList();
    if (paid.isEmpty()) {
      return;
    }
    ChannelRef best = paid.get(0);
    List<String> evidence = new ArrayList<>(List.of(FactSheet.roas(model, best), FactSheet.roi(model, best),
        FactSheet.revenue(model, best), FactSheet.cost(best)));
    List<ModelRef> agreeing = new ArrayList<>();
    for (ModelRef other : sheet.models()) {
      if (other != model && best.equals(leader(other))) {
        agreeing.add(other);
        evidence.add(FactSheet.roas(other, best));
      }
    }
    String agreement = sheet.models().size() == 1 ? ""
        : agreeing.size() == sheet.models().size() - 1 ? " It leads under every model compared."
        : agreeing.isEmpty() ? " No other model compared ranks it first, so the lead depends on the model."
        : " " + agreeing.size() + " of the " + (sheet.models().size() - 1) + " other models rank it first too.";
    insights.add(new AiInsight(best.name() + " returns the most per unit of spend",
        "Under " + model.name() + ", " + best.name() + " earned " + money(sheet.number(FactSheet.revenue(model, best)))
            + " on " + money(sheet.number(FactSheet.cost(best))) + " of cost: ROAS "
            + ratio(sheet.number(FactSheet.roas(model, best))) + ", ROI " + percent(sheet.number(FactSheet.roi(model,
            best))) + "." + agreement,
        evidence, "Shift budget toward " + best.name() + " in steps and check that its ROAS holds as spend grows."));
    if (paid.size() < 2) {
      return;
    }
    ChannelRef worst = paid.get(paid.size() - 1);
    BigDecimal roi = sheet.number(FactSheet.roi(model, worst));
    boolean losing = roi.signum() < 0;
    insights.add(new AiInsight(worst.name() + (losing ? " does not recover its cost" : " has the lowest ROAS"),
        "Under " + model.name() + ", " + worst.name() + " earned " + money(sheet.number(FactSheet.revenue(model,
            worst))) + " on " + money(sheet.number(FactSheet.cost(worst))) + " of cost: ROAS "
            + ratio(sheet.number(FactSheet.roas(model, worst))) + ", ROI " + percent(roi) + ", the lowest of the "
            + paid.size() + " channels with cost.",
        List.of(FactSheet.roas(model, worst), FactSheet.roi(model, worst), FactSheet.revenue(model, worst),
            FactSheet.cost(worst)),
        losing ? "Review " + worst.name() + "'s campaigns and targeting, and cap its spend until it returns more than "
            + "it costs."
            : "Review " + worst.name() + "'s campaigns before adding budget; other channels return more per unit."));
  }

  private ChannelRef leader(ModelRef model) {
    return sheet.channels().stream().filter(c -> sheet.has(FactSheet.roas(model, c)))
        .max(Comparator.comparing((ChannelRef c) -> sheet.number(FactSheet.roas(model, c)))
            .thenComparing(ChannelRef::slug, Comparator.reverseOrder()))
        .orElse(null);
  }

  private void disagreement() {
    if (!sheet.has("disagreement.1")) {
      return;
    }
    BigDecimal spread = (BigDecimal) sheet.field("disagreement.1", "spread");
    if (spread.compareTo(NOTABLE_SPREAD) < 0) {
      return;
    }
    Map<String, Object> about = sheet.get("disagreement.1").orElseThrow().about();
    String channel = (String) about.get("channel");
    insights.add(new AiInsight("Models disagree most on " + channel,
        channel + " gets " + share((BigDecimal) sheet.field("disagreement.1", "high_share")) + " of the revenue under "
            + about.get("high_model") + " but " + share((BigDecimal) sheet.field("disagreement.1", "low_share"))
            + " under " + about.get("low_model") + ".",
        List.of("disagreement.1"),
        "Before moving budget on " + channel + ", measure it with a lift test and read its calibrated ROI "
            + "(POST /lift-tests, channel-roi with calibrated: true)."));
  }

  /** Under the primary model, the channel whose share of cost exceeds its share of revenue the most. */
  private void spendOutOfLine() {
    ModelRef model = sheet.primary();
    ChannelRef heaviest = null;
    BigDecimal gap = BigDecimal.ZERO;
    for (ChannelRef channel : sheet.channels()) {
      String costShare = FactSheet.costShare(channel);
      String revenueShare = FactSheet.revenueShare(model, channel);
      if (sheet.has(costShare) && sheet.has(revenueShare)) {
        BigDecimal difference = sheet.number(costShare).subtract(sheet.number(revenueShare));
        if (difference.compareTo(gap) > 0) {
          gap = difference;
          heaviest = channel;
        }
      }
    }
    if (heaviest == null || gap.compareTo(NOTABLE_SPREAD) < 0) {
      return;
    }
    insights.add(new AiInsight(heaviest.name() + " takes more of the budget than it earns",
        heaviest.name() + " takes " + share(sheet.number(FactSheet.costShare(heaviest))) + " of the cost but earns "
            + share(sheet.number(FactSheet.revenueShare(model, heaviest))) + " of the revenue under " + model.name()
            + ".",
        List.of(FactSheet.costShare(heaviest), FactSheet.revenueShare(model, heaviest)),
        "Move part of " + heaviest.name() + "'s budget to channels whose share of revenue exceeds their share of "
            + "cost, and watch whether its conversions hold."));
  }

  private void weekOverWeek() {
    if (!sheet.has("wow.revenue")) {
      return;
    }
    BigDecimal percent = (BigDecimal) sheet.field("wow.revenue", "change_percent");
    BigDecimal current = (BigDecimal) sheet.field("wow.revenue", "current");
    BigDecimal previous = (BigDecimal) sheet.field("wow.revenue", "previous");
    List<String> evidence = new ArrayList<>(List.of("wow.revenue", "wow.conversions", "wow.cost"));
    String mover = "";
    ModelRef model = sheet.primary();
    ChannelRef top = sheet.channels().stream().filter(c -> sheet.has(FactSheet.weekRevenue(model, c)))
        .max(Comparator.comparing((ChannelRef c) -> ((BigDecimal) sheet.field(FactSheet.weekRevenue(model, c),
            "change")).abs()).thenComparing(ChannelRef::slug, Comparator.reverseOrder()))
        .orElse(null);
    if (top != null) {
      BigDecimal change = (BigDecimal) sheet.field(FactSheet.weekRevenue(model, top), "change");
      mover = " Under " + model.name() + ", " + top.name() + " moved most: " + signed(change) + ".";
      evidence.add(FactSheet.weekRevenue(model, top));
    }
    String title;
    String recommendation;
    if (percent == null) {
      title = current.signum() > 0 ? "Revenue started this week" : "No revenue in the last two weeks";
      recommendation = "Compare again next week, when there is a previous week to compare with.";
    } else if (percent.abs().compareTo(NOTABLE_CHANGE) < 0) {
      title = "Revenue held steady week over week";
      recommendation = "No change calls for action; keep the current budget split.";
    } else if (percent.signum() > 0) {
      title = "Revenue rose " + percent.abs().toPlainString() + "% week over week";
      recommendation = "Find what drove the rise (campaigns, seasonality) before scaling it"
          + (top == null ? "." : ", starting with " + top.name() + ".");
    } else {
      title = "Revenue fell " + percent.abs().toPlainString() + "% week over week";
      recommendation = "Check tracking and campaign changes first" + (top == null ? "." : ", starting with "
          + top.name() + ".");
    }
    insights.add(new AiInsight(title, "Revenue was " + money(current) + " in the last week against "
        + money(previous) + " the week before; conversions " + sheet.field("wow.conversions", "current") + " against "
        + sheet.field("wow.conversions", "previous") + ", cost " + money((BigDecimal) sheet.field("wow.cost",
        "current")) + " against " + money((BigDecimal) sheet.field("wow.cost", "previous")) + "." + mover,
        evidence, recommendation));
  }

  @SuppressWarnings("unchecked")
  private void topPath() {
    if (!sheet.has("path.1")) {
      return;
    }
    List<String> channels = (List<String>) sheet.field("path.1", "channels");
    String path = String.join(" → ", channels);
    insights.add(new AiInsight("The most converting path: " + path,
        path + " converted " + sheet.field("path.1", "conversions") + " times from " + sheet.field("path.1",
            "journeys") + " journeys (" + share((BigDecimal) sheet.field("path.1", "conversion_rate"))
            + " conversion rate), " + money((BigDecimal) sheet.field("path.1", "revenue")) + " of revenue, after "
            + sheet.field("path.1", "avg_touches_to_conversion") + " touches and "
            + sheet.field("path.1", "avg_days_to_conversion") + " days on average.",
        List.of("path.1"),
        channels.size() == 1 ? "Keep " + channels.get(0) + " funded: journeys convert on it alone."
            : "Keep every channel of this path funded together: cutting one of " + path + " may break it."));
  }

  private void timing() {
    if (!sheet.has("timing.days_to_conversion")) {
      return;
    }
    BigDecimal median = (BigDecimal) sheet.field("timing.days_to_conversion", "median");
    BigDecimal p90 = (BigDecimal) sheet.field("timing.days_to_conversion", "p90");
    int window = Math.max(1, p90.setScale(0, RoundingMode.CEILING).intValue());
    insights.add(new AiInsight("Conversions take " + median.toPlainString() + " days (median)",
        "From the first touch to conversion takes " + median.toPlainString() + " days at the median and "
            + p90.toPlainString() + " days for 90% of journeys, with " + sheet.field("timing.touches_to_conversion",
            "median") + " touches at the median.",
        List.of("timing.days_to_conversion", "timing.touches_to_conversion"),
        "Judge campaigns over at least " + window + " day" + (window == 1 ? "" : "s")
            + " and keep the lookback window of your models at least that long."));
  }

  private String summary() {
    StringBuilder summary = new StringBuilder();
    summary.append(sheet.number("totals.journeys")).append(" journeys with ")
        .append(sheet.number("totals.conversions")).append(" conversions worth ")
        .append(money(sheet.number("totals.revenue"))).append(" on ").append(money(sheet.number("totals.cost")))
        .append(" of cost");
    if (sheet.has("totals.roas")) {
      summary.append(" (ROAS ").append(ratio(sheet.number("totals.roas"))).append(')');
    }
    summary.append(", compared under ").append(sheet.models().size()).append(sheet.models().size() == 1
        ? " model" : " models").append(". ");
    summary.append(insights.get(0).title()).append('.');
    return summary.toString();
  }

  static String money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  static String ratio(BigDecimal roas) {
    return roas.setScale(2, RoundingMode.HALF_UP).toPlainString() + "x";
  }

  static String percent(BigDecimal roi) {
    return roi.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  static String share(BigDecimal share) {
    return share.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  private static String signed(BigDecimal amount) {
    return (amount.signum() > 0 ? "+" : "") + money(amount);
  }
}
