package io.nexus.server.journey.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nexus.server.journey.ImportedJourney;
import io.nexus.server.journey.JourneyImport;
import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.journey.JourneySummary;
import io.nexus.server.journey.JourneysChanged;
import io.nexus.server.journey.StoredConversion;
import io.nexus.server.journey.StoredTouchpoint;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores whole journeys at once (the demo data, imports from other tools): aggregates computed up front, every row
 * written in bulk, one transaction per call.
 */
@Service
class JourneyImporter implements JourneyImport {
  private final JourneyRepository journeys;
  private final TouchpointRepository touchpoints;
  private final ConversionRepository conversions;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final Counter journeysCreated;

  JourneyImporter(JourneyRepository journeys, TouchpointRepository touchpoints, ConversionRepository conversions,
      TransactionTemplate transactions, ApplicationEventPublisher events, MeterRegistry meters) {
    this.journeys = journeys;
    this.touchpoints = touchpoints;
    this.conversions = conversions;
    this.transactions = transactions;
    this.events = events;
    this.journeysCreated = meters.counter("nexus.ingest.journeys");
  }

  @Override
  public List<Long> importJourneys(List<ImportedJourney> imported) {
    List<Long> ids = transactions.execute(tx -> {
      long[] journeyIds = journeys.insert(imported.stream().map(JourneyImporter::summary).toList(),
          StoredClock.now());
      int touchCount = imported.stream().mapToInt(j -> j.touchpoints().size()).sum();
      int conversionCount = imported.stream().mapToInt(j -> j.conversions().size()).sum();
      long[] touchIds = touchpoints.reserveIds(touchCount);
      long[] conversionIds = conversions.reserveIds(conversionCount);
      List<StoredTouchpoint> touches = new ArrayList<>(touchCount);
      List<StoredConversion> purchases = new ArrayList<>(conversionCount);
      Instant now = StoredClock.now();
      int t = 0;
      int c = 0;
      for (int i = 0; i < imported.size(); i++) {
        ImportedJourney j = imported.get(i);
        int position = 0;
        for (ImportedJourney.Touch touch : j.touchpoints()) {
          touches.add(new StoredTouchpoint(touchIds[t++], journeyIds[i], touch.channelId(), touch.touchpointType(),
              touch.timestamp(), ++position, touch.timeSpentSeconds(), touch.pagesViewed(), touch.engagementScore(),
              touch.cost() == null ? BigDecimal.ZERO : touch.cost(), null, touch.campaignName(), touch.deviceType(),
              touch.browser(), null, now));
        }
        for (ImportedJourney.Purchase purchase : j.conversions()) {
          purchases.add(new StoredConversion(conversionIds[c++], journeyIds[i], purchase.conversionType(),
              purchase.timestamp(), purchase.revenue(), purchase.quantity(), null, purchase.productName(),
              purchase.productCategory(), null, now));
        }
      }
      touchpoints.insert(touches);
      conversions.insert(purchases);
      List<Long> result = new ArrayList<>(journeyIds.length);
      for (long id : journeyIds) {
        result.add(id);
      }
      events.publishEvent(new JourneysChanged(result));
      return result;
    });
    journeysCreated.increment(ids.size());
    return ids;
  }

  @Override
  public boolean isEmpty() {
    return journeys.count(JourneyQuery.all()) == 0;
  }

  /** The journey's row with its aggregates: the span of all its events, its value, its duration. */
  private static JourneySummary summary(ImportedJourney j) {
    Instant start = j.startTime();
    Instant end = j.startTime();
    BigDecimal value = BigDecimal.ZERO;
    for (ImportedJourney.Touch t : j.touchpoints()) {
      start = t.timestamp().isBefore(start) ? t.timestamp() : start;
      end = t.timestamp().isAfter(end) ? t.timestamp() : end;
    }
    for (ImportedJourney.Purchase c : j.conversions()) {
      start = c.timestamp().isBefore(start) ? c.timestamp() : start;
      end = c.timestamp().isAfter(end) ? c.timestamp() : end;
      value = value.add(c.revenue());
    }
    return new JourneySummary(0, j.userId(), j.sessionId(), start, end, j.touchpoints().size(), value,
        !j.conversions().isEmpty(), JourneyAggregates.minutes(start, end), null, null);
  }
}
