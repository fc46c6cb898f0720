package io.nexus.server.analytics.internal;

import io.nexus.engine.ReturnOnSpend;
import io.nexus.server.attribution.TouchFilter;
import io.nexus.server.cache.AttributionCache.Region;
import io.nexus.server.cache.AttributionCache;
import io.nexus.server.cache.VersionedKey;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.DailyActivity;
import io.nexus.server.journey.JourneyData;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The headline numbers of a date range: conversions, revenue, spend and ROAS, against the period of the same length
 * just before it, with the range day by day. Conversions and revenue are those of the journeys started in the range
 * (as every report counts them); spend is what the channels cost by {@link ChannelCosts}' rule, the one channel ROI
 * uses (platform spend in place of the touchpoints' cost on the channel days it covers), without Direct channels when
 * Direct is excluded (docs/dashboard.md#the-overview-and-the-filter-bar).
 */
@Component
class OverviewReport {
  private final JourneyData journeys;
  private final ChannelCosts costs;
  private final ChannelCatalog channels;
  private final AttributionCache cache;

  OverviewReport(JourneyData journeys, ChannelCosts costs, ChannelCatalog channels, AttributionCache cache) {
    this.journeys = journeys;
    this.costs = costs;
    this.channels = channels;
    this.cache = cache;
  }

  /**
   * A period's totals; ROAS is {@code null} when nothing was spent, the conversion rate when no journey started.
   * {@code spend} is {@code touchpointCost} plus {@code platformSpend}; {@code replacedTouchpointCost} was left out
   * because platform spend covers its channel's day; {@code excludedDirectCost} is the cost of Direct channels left
   * out ({@code null} unless Direct is excluded); {@code spendSource} is {@code none}, {@code touchpoints},
   * {@code platform_spend} or {@code both}; {@code spendCurrency} the platform spend's currency, if any.
   */
  @Schema(name = "OverviewTotals") // the budget plan has Totals too, and one name would hide the other
  record Totals(long journeys, long convertingJourneys, long conversions, BigDecimal revenue, BigDecimal spend,
      BigDecimal roas, Double conversionRate, String spendSource, BigDecimal touchpointCost, BigDecimal platformSpend,
      BigDecimal replacedTouchpointCost, BigDecimal excludedDirectCost, String spendCurrency) {}

  /** Relative change against the previous period ({@code 0.25} is +25 %), {@code null} where it had nothing. */
  @Schema(name = "OverviewChange")
  record Change(Double journeys, Double conversions, Double revenue, Double spend, Double roas) {}

  /** One day of the range, its spend by the same rule and in the same parts as the totals; every day is listed. */
  @Schema(name = "OverviewDay")
  record Day(LocalDate date, long journeys, long conversions, BigDecimal revenue, BigDecimal spend,
      String spendSource, BigDecimal touchpointCost, BigDecimal platformSpend, BigDecimal replacedTouchpointCost) {}

  /** The answer; {@code lookbackDays} and {@code excludeDirect} are the filter it was asked with. */
  record Overview(Instant from, Instant to, Instant previousFrom, Instant previousTo, Integer lookbackDays,
      boolean excludeDirect, Totals current, Totals previous, Change change, List<Day> daily) {}

  /** One day's counted cost and the cost of Direct channels left out of it. */
  private record DayCost(ChannelCosts.Cost counted, BigDecimal direct) {
    static final DayCost ZERO = new DayCost(ChannelCosts.Cost.ZERO, BigDecimal.ZERO);
  }

  /** The overview of {@code [from, to)}, compared with the same length of time before {@code from}, cached. */
  Overview run(Instant from, Instant to, TouchFilter touches) {
    VersionedKey key = cache.versions().keyOnAllData("overview:" + from + ":" + to + touches.key());
    return cache.getOrCompute(Region.REPORTS, key, Overview.class, () -> compute(from, to, touches));
  }

  private Overview compute(Instant from, Instant to, TouchFilter touches) {
    Duration length = Duration.between(from, to);
    Instant previousFrom = from.minus(length);
    List<DailyActivity> all = journeys.dailyActivity(previousFrom, to);
    Map<LocalDate, DayCost> spent = dayCosts(previousFrom, to, touches.excludeDirect());
    ChannelCosts.requireOneCurrency(ChannelCosts.sum(spent.values().stream().map(DayCost::counted).toList()),
        "the range and the period before it");
    LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
    Totals current = totals(all.stream().filter(d -> !d.day().isBefore(firstDay)).toList(),
        select(spent, firstDay, true), touches.excludeDirect());
    Totals previous = totals(all.stream().filter(d -> d.day().isBefore(firstDay)).toList(),
        select(spent, firstDay, false), touches.excludeDirect());
    Change change = new Change(change(current.journeys(), previous.journeys()),
        change(current.conversions(), previous.conversions()), change(current.revenue(), previous.revenue()),
        change(current.spend(), previous.spend()), change(current.roas(), previous.roas()));
    return new Overview(from, to, previousFrom, from, touches.lookbackDays(), touches.excludeDirect(), current,
        previous, change, days(all, spent, from, to));
  }

  /** Each day's cost by the cost rule, over every channel but Direct ones when {@code excludeDirect}. */
  private Map<LocalDate, DayCost> dayCosts(Instant from, Instant to, boolean excludeDirect) {
    Set<Long> direct = excludeDirect ? channels.all().stream().filter(Channel::directTraffic).map(Channel::id)
        .collect(Collectors.toSet()) : Set.of();
    SortedMap<LocalDate, Map<Long, ChannelCosts.Cost>> daily = costs.daily(from, to);
    Map<LocalDate, DayCost> days = new HashMap<>();
    daily.forEach((day, byChannel) -> {
      List<ChannelCosts.Cost> counted = new ArrayList<>();
      BigDecimal left = BigDecimal.ZERO;
      for (Map.Entry<Long, ChannelCosts.Cost> cost : byChannel.entrySet()) {
        if (direct.contains(cost.getKey())) {
          left = left.add(cost.getValue().cost());
        } else {
          counted.add(cost.getValue());
        }
      }
      days.put(day, new DayCost(ChannelCosts.sum(counted), left));
    });
    return days;
  }

  private static List<DayCost> select(Map<LocalDate, DayCost> days, LocalDate firstDay, boolean fromFirstDay) {
    return days.entrySet().stream().filter(d -> d.getKey().isBefore(firstDay) != fromFirstDay)
        .map(Map.Entry::getValue).toList();
  }

  private static Totals totals(List<DailyActivity> days, List<DayCost> spent, boolean excludeDirect) {
    long started = 0;
    long converting = 0;
    long conversions = 0;
    BigDecimal revenue = BigDecimal.ZERO;
    for (DailyActivity d : days) {
      started += d.journeys();
      converting += d.convertingJourneys();
      conversions += d.conversions();
      revenue = revenue.add(d.revenue());
    }
    ChannelCosts.Cost cost = ChannelCosts.sum(spent.stream().map(DayCost::counted).toList());
    BigDecimal direct = spent.stream().map(DayCost::direct).reduce(BigDecimal.ZERO, BigDecimal::add);
    revenue = cents(revenue);
    BigDecimal spend = cents(cost.cost());
    return new Totals(started, converting, conversions, revenue, spend, new ReturnOnSpend(revenue, spend).roas(),
        started == 0 ? null : (double) converting / started, cost.source(), cents(cost.touchpointCost()),
        cents(cost.platformSpend()), cents(cost.replacedTouchpointCost()), excludeDirect ? cents(direct) : null,
        cost.currency());
  }

  private static List<Day> days(List<DailyActivity> activity, Map<LocalDate, DayCost> spent, Instant from,
      Instant to) {
    Map<LocalDate, DailyActivity> byDay = new HashMap<>();
    activity.forEach(d -> byDay.put(d.day(), d));
    List<Day> days = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
    for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
      DailyActivity d = byDay.get(day);
      ChannelCosts.Cost cost = spent.getOrDefault(day, DayCost.ZERO).counted();
      days.add(new Day(day, d == null ? 0 : d.journeys(), d == null ? 0 : d.conversions(),
          cents(d == null ? BigDecimal.ZERO : d.revenue()), cents(cost.cost()), cost.source(),
          cents(cost.touchpointCost()), cents(cost.platformSpend()), cents(cost.replacedTouchpointCost())));
    }
    return days;
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  private static Double change(long now, long before) {
    return before == 0 ? null : (double) (now - before) / before;
  }

  private static Double change(BigDecimal now, BigDecimal before) {
    return before == null || now == null || before.signum() == 0 ? null
        : now.subtract(before).doubleValue() / before.doubleValue();
  }
}
