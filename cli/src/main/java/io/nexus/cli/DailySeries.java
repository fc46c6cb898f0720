package io.nexus.cli;

import io.nexus.engine.Attribution;
import io.nexus.engine.AttributionModel;
import io.nexus.engine.ChannelCredit;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.FittedModel;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.JourneyCredits;
import io.nexus.engine.budget.SpendHistory;
import io.nexus.engine.journey.ChannelGrouping;
import io.nexus.engine.journey.UserEvent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each channel's daily spend and daily attributed revenue from a touchpoint file (days in UTC, from the first event's
 * day to the last's): spend is the cost of every touch on its day, revenue what the model credits a journey's
 * channels, on the day the journey started (its first touch), as the service's reports date journeys.
 */
final class DailySeries {
  private final LocalDate first;
  private final int days;
  private final Map<String, double[]> spend = new TreeMap<>();
  private final Map<String, double[]> revenue = new TreeMap<>();

  private DailySeries(LocalDate first, int days) {
    this.first = first;
    this.days = days;
  }

  static DailySeries of(List<UserEvent> events, ChannelGrouping grouping, List<Journey> journeys,
      AttributionModel model) {
    LocalDate first = null;
    LocalDate last = null;
    for (UserEvent event : events) {
      LocalDate day = LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC);
      first = first == null || day.isBefore(first) ? day : first;
      last = last == null || day.isAfter(last) ? day : last;
    }
    DailySeries series = new DailySeries(first, (int) ChronoUnit.DAYS.between(first, last) + 1);
    for (UserEvent event : events) {
      if (event.isTouch()) {
        // Named as the journey builder names touches: the event's channel, else its grouped source and medium.
        String channel = event.channel() != null && !event.channel().isBlank() ? event.channel()
            : grouping.channelFor(event.source(), event.medium(), event.campaign());
        double cost = event.cost() == null ? 0 : event.cost().doubleValue();
        series.spend.computeIfAbsent(channel, c -> new double[series.days])[series.dayOf(event)] += cost;
      }
    }
    FittedModel fit = model.fit(JourneyBatch.of(journeys, new ChannelDictionary()));
    List<JourneyCredits> credits = Attribution.creditAll(fit, journeys);
    for (int j = 0; j < journeys.size(); j++) {
      Journey journey = journeys.get(j);
      if (journey.touchpoints().isEmpty()) {
        continue;
      }
      int day = series.dayOf(LocalDate.ofInstant(journey.touchpoints().get(0).timestamp(), ZoneOffset.UTC));
      for (ChannelCredit credit : credits.get(j).credits()) {
        series.revenue.computeIfAbsent(credit.channel().name(), c -> new double[series.days])[day]
            += credit.value().doubleValue();
      }
    }
    return series;
  }

  private int dayOf(UserEvent event) {
    return dayOf(LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC));
  }

  private int dayOf(LocalDate day) {
    return (int) ChronoUnit.DAYS.between(first, day);
  }

  /** How many days the series cover. */
  int days() {
    return days;
  }

  /** The first day. */
  LocalDate first() {
    return first;
  }

  /** One history per channel seen with spend or revenue, in name order. */
  List<SpendHistory> histories() {
    TreeMap<String, double[]> names = new TreeMap<>(spend);
    revenue.forEach(names::putIfAbsent);
    List<SpendHistory> histories = new ArrayList<>();
    for (String channel : names.keySet()) {
      histories.add(new SpendHistory(channel, spend.getOrDefault(channel, new double[days]),
          revenue.getOrDefault(channel, new double[days])));
    }
    return histories;
  }
}
