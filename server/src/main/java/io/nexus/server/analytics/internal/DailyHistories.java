package io.nexus.server.analytics.internal;

import io.nexus.engine.budget.SpendHistory;
import io.nexus.server.attribution.AttributionReports;
import io.nexus.server.attribution.ChannelAmount;
import io.nexus.server.attribution.TouchFilter;
import io.nexus.server.cache.AttributionCache;
import io.nexus.server.cache.AttributionCache.Region;
import io.nexus.server.cache.VersionedKey;
import io.nexus.server.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Each channel's daily spend and daily attributed revenue over a range, for the response curves: spend is what the
 * channel cost that day by {@link ChannelCosts}' rule (platform spend, else the touchpoints' costs),
 * revenue what the model credits the channel over the converting journeys started that day, as channel ROI computes
 * it for any range. Days are whole UTC days from the range's start; cached like the reports.
 */
@Component
class DailyHistories {
  /** The longest range a plan reads: two years of days. */
  static final int MAX_DAYS = 731;

  private final AttributionReports attribution;
  private final ChannelCosts costs;
  private final AttributionCache cache;

  DailyHistories(AttributionReports attribution, ChannelCosts costs, AttributionCache cache) {
    this.attribution = attribution;
    this.costs = costs;
    this.cache = cache;
  }

  /** One channel's days. */
  record ChannelDays(long channelId, double[] spend, double[] revenue) {
    SpendHistory history() {
      return new SpendHistory(Long.toString(channelId), spend, revenue);
    }
  }

  /** How many days {@code [from, to)} covers, the last one possibly partial. */
  static int days(Instant from, Instant to) {
    long seconds = Duration.between(from, to).getSeconds();
    return (int) Math.min(Integer.MAX_VALUE, (seconds + 86_399) / 86_400);
  }

  /**
   * Every channel with spend or credited revenue in {@code [from, to)} under model {@code modelId}, crediting the
   * touches {@code touches} keeps, by channel id.
   */
  List<ChannelDays> load(long modelId, Instant from, Instant to, TouchFilter touches) {
    int days = days(from, to);
    if (days > MAX_DAYS) {
      throw ApiException.unprocessable("end_date", "the range spans " + days + " days; a plan reads at most "
          + MAX_DAYS);
    }
    VersionedKey key = cache.versions().keyOnAllData("daily:" + modelId + ":" + from + ":" + to + touches.key());
    return Arrays.asList(cache.getOrCompute(Region.REPORTS, key, ChannelDays[].class,
        () -> compute(modelId, from, to, days, touches).toArray(ChannelDays[]::new)));
  }

  private List<ChannelDays> compute(long modelId, Instant from, Instant to, int days, TouchFilter touches) {
    Map<Long, ChannelDays> byChannel = new TreeMap<>();
    // A response curve adds a channel's days: they must all be in one currency.
    Map<Long, ChannelCosts.Cost> whole = costs.costs(from, to);
    ChannelCosts.requireOneCurrency(whole, whole.keySet());
    for (int day = 0; day < days; day++) {
      Instant dayFrom = from.plus(Duration.ofDays(day));
      Instant dayTo = dayFrom.plus(Duration.ofDays(1)).isBefore(to) ? dayFrom.plus(Duration.ofDays(1)) : to;
      for (Map.Entry<Long, ChannelCosts.Cost> cost : costs.costs(dayFrom, dayTo).entrySet()) {
        channel(byChannel, cost.getKey(), days).spend()[day] += cost.getValue().cost().doubleValue();
      }
      for (ChannelAmount amount : attribution.channelTotals(modelId, dayFrom, dayTo, touches).values()) {
        channel(byChannel, amount.channelId(), days).revenue()[day] += amount.revenue().doubleValue();
      }
    }
    return new ArrayList<>(byChannel.values());
  }

  private static ChannelDays channel(Map<Long, ChannelDays> byChannel, long id, int days) {
    return byChannel.computeIfAbsent(id, c -> new ChannelDays(c, new double[days], new double[days]));
  }
}
