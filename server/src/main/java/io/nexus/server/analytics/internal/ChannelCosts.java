package io.nexus.server.analytics.internal;

import io.nexus.server.analytics.CostRule;
import io.nexus.server.analytics.RangeCost;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.spend.DailySpend;
import io.nexus.server.spend.SpendLedger;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.FieldProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * What each channel cost over a range, from the touchpoints' own costs and the spend ad platforms reported, never
 * counting a day twice: per channel and UTC day, platform spend (any row of it, even zero) replaces the costs of that
 * channel's touchpoints of that day; days without platform spend keep their touchpoint costs. A spend day counts when
 * its midnight UTC falls in the range. Amounts of different currencies are never added: a report over a channel with
 * spend in more than one currency in the range is refused ({@link #requireOneCurrency}). Other modules reach the rule
 * as {@link CostRule}.
 */
@Component
class ChannelCosts implements CostRule {
  /** {@link Cost#source}: no cost at all. */
  static final String NONE = "none";
  /** {@link Cost#source}: only touchpoint costs. */
  static final String TOUCHPOINTS = "touchpoints";
  /** {@link Cost#source}: only platform spend (touchpoint costs, if any, were on days with spend). */
  static final String PLATFORM_SPEND = "platform_spend";
  /** {@link Cost#source}: platform spend on some days, touchpoint costs on others. */
  static final String BOTH = "both";

  private final JourneyData journeys;
  private final SpendLedger spend;

  ChannelCosts(JourneyData journeys, SpendLedger spend) {
    this.journeys = journeys;
    this.spend = spend;
  }

  /**
   * A cost: one channel's over a range, one channel day's ({@link #daily}), or a sum of them ({@link #sum}).
   *
   * @param cost what is counted: {@code touchpointCost} plus {@code platformSpend}
   * @param touchpointCost touchpoint costs of the days without platform spend
   * @param platformSpend platform spend of the range's days
   * @param replacedTouchpointCost touchpoint costs left out because platform spend covers their day
   * @param source {@link #NONE}, {@link #TOUCHPOINTS}, {@link #PLATFORM_SPEND} or {@link #BOTH}
   * @param currencies the platform spend's currencies, empty without platform spend
   */
  record Cost(BigDecimal cost, BigDecimal touchpointCost, BigDecimal platformSpend, BigDecimal replacedTouchpointCost,
      String source, List<String> currencies) {
    static final Cost ZERO = new Cost(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, NONE,
        List.of());

    /** The platform spend's one currency, or {@code null} without platform spend. */
    String currency() {
      return currencies.isEmpty() ? null : currencies.get(0);
    }
  }

  /** Each channel's cost over {@code [from, to)}, by channel id; channels without any are left out. */
  Map<Long, Cost> costs(Instant from, Instant to) {
    Map<Long, List<Cost>> days = new TreeMap<>();
    daily(from, to).forEach((day, channels) -> channels.forEach(
        (channel, cost) -> days.computeIfAbsent(channel, c -> new ArrayList<>()).add(cost)));
    Map<Long, Cost> costs = new HashMap<>();
    days.forEach((channel, costsOfDays) -> costs.put(channel, sum(costsOfDays)));
    return costs;
  }

  /**
   * Each UTC day's cost per channel over {@code [from, to)}, by day then channel id, days and channels without any
   * left out. This is the rule, per channel and day: platform spend when there is any row of it, else the touchpoints'
   * costs; {@link #costs} adds a channel's days up.
   */
  SortedMap<LocalDate, Map<Long, Cost>> daily(Instant from, Instant to) {
    Map<Long, Map<LocalDate, BigDecimal>> touchpoints = journeys.costByChannelAndDay(from, to);
    Map<Long, Map<LocalDate, BigDecimal>> platform = new HashMap<>();
    Map<Long, Map<LocalDate, TreeSet<String>>> currencies = new HashMap<>();
    LocalDate first = firstWholeDay(from);
    LocalDate last = to.atOffset(ZoneOffset.UTC).toLocalDate();
    if (to.equals(last.atStartOfDay().toInstant(ZoneOffset.UTC))) {
      last = last.minusDays(1);
    }
    if (!last.isBefore(first)) {
      for (DailySpend day : spend.daily(first, last)) {
        platform.computeIfAbsent(day.channelId(), c -> new HashMap<>()).merge(day.date(), day.spend(),
            BigDecimal::add);
        currencies.computeIfAbsent(day.channelId(), c -> new HashMap<>())
            .computeIfAbsent(day.date(), d -> new TreeSet<>()).add(day.currency());
      }
    }
    SortedMap<LocalDate, Map<Long, Cost>> days = new TreeMap<>();
    touchpoints.forEach((channel, byDay) -> byDay.forEach((day, cost) -> {
      if (!platform.getOrDefault(channel, Map.of()).containsKey(day)) {
        days.computeIfAbsent(day, d -> new HashMap<>()).put(channel, new Cost(cost, cost, BigDecimal.ZERO,
            BigDecimal.ZERO, source(false, cost), List.of()));
      }
    }));
    platform.forEach((channel, byDay) -> byDay.forEach((day, paid) -> {
      BigDecimal replaced = touchpoints.getOrDefault(channel, Map.of()).getOrDefault(day, BigDecimal.ZERO);
      days.computeIfAbsent(day, d -> new HashMap<>()).put(channel, new Cost(paid, BigDecimal.ZERO, paid, replaced,
          PLATFORM_SPEND, List.copyOf(currencies.get(channel).get(day))));
    }));
    return days;
  }

  /** The costs added up: the parts summed, the currencies of all, the source of the whole. */
  static Cost sum(Collection<Cost> costs) {
    BigDecimal kept = BigDecimal.ZERO;
    BigDecimal paid = BigDecimal.ZERO;
    BigDecimal replaced = BigDecimal.ZERO;
    boolean platform = false;
    TreeSet<String> currencies = new TreeSet<>();
    for (Cost cost : costs) {
      kept = kept.add(cost.touchpointCost());
      paid = paid.add(cost.platformSpend());
      replaced = replaced.add(cost.replacedTouchpointCost());
      platform |= cost.source().equals(PLATFORM_SPEND) || cost.source().equals(BOTH);
      currencies.addAll(cost.currencies());
    }
    return new Cost(kept.add(paid), kept, paid, replaced, source(platform, kept), List.copyOf(currencies));
  }

  /** A zero platform spend still counts as platform spend: it says the channel cost nothing that day. */
  private static String source(boolean platform, BigDecimal touchpointCost) {
    if (!platform) {
      return touchpointCost.signum() == 0 ? NONE : TOUCHPOINTS;
    }
    return touchpointCost.signum() == 0 ? PLATFORM_SPEND : BOTH;
  }

  private static LocalDate firstWholeDay(Instant from) {
    LocalDate day = from.atOffset(ZoneOffset.UTC).toLocalDate();
    return from.equals(day.atStartOfDay().toInstant(ZoneOffset.UTC)) ? day : day.plusDays(1);
  }

  @Override
  public RangeCost over(Instant from, Instant to) {
    Map<Long, Cost> costs = costs(from, to);
    Cost total = sum(costs.values());
    requireOneCurrency(total, "the range");
    Map<Long, BigDecimal> byChannel = new HashMap<>();
    costs.forEach((channel, cost) -> byChannel.put(channel, cost.cost()));
    return new RangeCost(byChannel, total.source(), total.currency());
  }

  /** Refuses a sum of channels' costs whose platform spend, that of {@code what}, has several currencies. */
  static void requireOneCurrency(Cost total, String what) {
    if (total.currencies().size() > 1) {
      throw ApiException.unprocessable("platform spend in several currencies", List.of(new FieldProblem("spend",
          "the platform spend of " + what + " is in " + String.join(" and ", total.currencies()) + "; amounts of "
              + "different currencies are not added (narrow the range, or keep one currency's ad accounts)")));
    }
  }

  /** Refuses, naming each, the channels among {@code channels} whose spend in {@code costs} has several currencies. */
  static void requireOneCurrency(Map<Long, Cost> costs, Collection<Long> channels) {
    List<FieldProblem> mixed = new ArrayList<>();
    new TreeSet<>(channels).forEach(channel -> {
      List<String> codes = costs.getOrDefault(channel, Cost.ZERO).currencies();
      if (codes.size() > 1) {
        mixed.add(new FieldProblem("channel " + channel, "has platform spend in " + String.join(" and ", codes)
            + " in the range; amounts of different currencies are not added (narrow the range or the ad accounts)"));
      }
    });
    if (!mixed.isEmpty()) {
      throw ApiException.unprocessable("platform spend in several currencies", mixed);
    }
  }
}
