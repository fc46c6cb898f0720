package io.nexus.server.analytics.internal;

import io.nexus.engine.ReturnOnSpend;
import io.nexus.server.cache.AttributionCache.Region;
import io.nexus.server.cache.AttributionCache;
import io.nexus.server.cache.VersionedKey;
import io.nexus.server.journey.DailyActivity;
import io.nexus.server.journey.JourneyData;
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
import org.springframework.stereotype.Component;

/**
 * The headline numbers of a date range: conversions, revenue, spend and ROAS, against the period of the same length
 * just before it, with the range day by day. Conversions and revenue are those of the journeys started in the range
 * (as every report counts them), spend that of the touchpoints in the range; platform spend (which channel ROI puts
 * in place of the touchpoints' cost on the days it covers) is not counted here yet.
 */
@Component
class OverviewReport {
  private final JourneyData journeys;
  private final AttributionCache cache;

  OverviewReport(JourneyData journeys, AttributionCache cache) {
    this.journeys = journeys;
    this.cache = cache;
  }

  /** A period's totals; ROAS is {@code null} when nothing was spent, the conversion rate when no journey started. */
  record Totals(long journeys, long convertingJourneys, long conversions, BigDecimal revenue, BigDecimal spend,
      BigDecimal roas, Double conversionRate) {}

  /** Relative change against the previous period ({@code 0.25} is +25 %), {@code null} where it had nothing. */
  record Change(Double journeys, Double conversions, Double revenue, Double spend, Double roas) {}

  /** One day of the range; every day is listed, days without activity with zeros. */
  record Day(LocalDate date, long journeys, long conversions, BigDecimal revenue, BigDecimal spend) {}

  record Overview(Instant from, Instant to, Instant previousFrom, Instant previousTo, Totals current,
      Totals previous, Change change, List<Day> daily) {}

  /** The overview of {@code [from, to)}, compared with the same length of time before {@code from}, cached. */
  Overview run(Instant from, Instant to) {
    VersionedKey key = cache.versions().keyOnAllData("overview:" + from + ":" + to);
    return cache.getOrCompute(Region.REPORTS, key, Overview.class, () -> compute(from, to));
  }

  private Overview compute(Instant from, Instant to) {
    Duration length = Duration.between(from, to);
    Instant previousFrom = from.minus(length);
    List<DailyActivity> all = journeys.dailyActivity(previousFrom, to);
    LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
    List<DailyActivity> before = all.stream().filter(d -> d.day().isBefore(firstDay)).toList();
    List<DailyActivity> during = all.stream().filter(d -> !d.day().isBefore(firstDay)).toList();
    Totals current = totals(during);
    Totals previous = totals(before);
    Change change = new Change(change(current.journeys(), previous.journeys()),
        change(current.conversions(), previous.conversions()), change(current.revenue(), previous.revenue()),
        change(current.spend(), previous.spend()), change(current.roas(), previous.roas()));
    return new Overview(from, to, previousFrom, from, current, previous, change, days(during, from, to));
  }

  private static Totals totals(List<DailyActivity> days) {
    long started = 0;
    long converting = 0;
    long conversions = 0;
    BigDecimal revenue = BigDecimal.ZERO;
    BigDecimal spend = BigDecimal.ZERO;
    for (DailyActivity d : days) {
      started += d.journeys();
      converting += d.convertingJourneys();
      conversions += d.conversions();
      revenue = revenue.add(d.revenue());
      spend = spend.add(d.cost());
    }
    revenue = revenue.setScale(2, RoundingMode.HALF_UP);
    spend = spend.setScale(2, RoundingMode.HALF_UP);
    return new Totals(started, converting, conversions, revenue, spend, new ReturnOnSpend(revenue, spend).roas(),
        started == 0 ? null : (double) converting / started);
  }

  private static List<Day> days(List<DailyActivity> activity, Instant from, Instant to) {
    Map<LocalDate, DailyActivity> byDay = new HashMap<>();
    activity.forEach(d -> byDay.put(d.day(), d));
    List<Day> days = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
    for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
      DailyActivity d = byDay.get(day);
      days.add(d == null ? new Day(day, 0, 0, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2))
          : new Day(day, d.journeys(), d.conversions(), d.revenue().setScale(2, RoundingMode.HALF_UP),
              d.cost().setScale(2, RoundingMode.HALF_UP)));
    }
    return days;
  }

  private static Double change(long now, long before) {
    return before == 0 ? null : (double) (now - before) / before;
  }

  private static Double change(BigDecimal now, BigDecimal before) {
    return before == null || now == null || before.signum() == 0 ? null
        : now.subtract(before).doubleValue() / before.doubleValue();
  }
}
