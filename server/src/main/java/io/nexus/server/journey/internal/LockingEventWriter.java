package io.nexus.server.journey.internal;

import io.nexus.server.journey.JourneysChanged;
import io.nexus.server.journey.StoredConversion;
import io.nexus.server.journey.StoredTouchpoint;
import io.nexus.server.journey.internal.JourneyRequests.NewConversion;
import io.nexus.server.journey.internal.JourneyRequests.NewTouchpoint;
import io.nexus.server.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes touchpoints and conversions record by record in one transaction that first locks their journeys: positions
 * and aggregates follow each record in order, and a record whose event id is stored already answers the stored one.
 * The path of single records, of batches that carry event ids, and of every write on H2.
 */
@Component
class LockingEventWriter {
  private static final String VALUE_OVERFLOW = "would bring the journey's conversion value over the largest it holds, "
      + JourneyAggregates.MAX_VALUE.toPlainString();

  private final JourneyRepository journeys;
  private final TouchpointRepository touchpoints;
  private final ConversionRepository conversions;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;

  LockingEventWriter(JourneyRepository journeys, TouchpointRepository touchpoints, ConversionRepository conversions,
      TransactionTemplate transactions, ApplicationEventPublisher events) {
    this.journeys = journeys;
    this.touchpoints = touchpoints;
    this.conversions = conversions;
    this.transactions = transactions;
    this.events = events;
  }

  /** Stores touchpoints all or nothing; {@code batch} names fields with their index in errors. */
  Ingested<StoredTouchpoint> addTouchpoints(List<NewTouchpoint> requests, boolean batch) {
    return transactions.execute(tx -> {
      Map<Long, JourneyAggregates> locked = lock(requests, NewTouchpoint::journeyId, batch, "touchpoints");
      Map<String, StoredTouchpoint> stored = touchpoints.byEvent(locked.keySet(),
          eventIds(requests, NewTouchpoint::eventId));
      long[] ids = touchpoints.reserveIds(requests.size());
      Instant now = StoredClock.now();
      List<StoredTouchpoint> fresh = new ArrayList<>(requests.size());
      List<StoredTouchpoint> records = new ArrayList<>(requests.size());
      List<Boolean> retries = new ArrayList<>(requests.size());
      for (int i = 0; i < requests.size(); i++) {
        NewTouchpoint r = requests.get(i);
        String key = r.journeyId() + "/" + r.eventId();
        StoredTouchpoint earlier = r.eventId() == null ? null : stored.get(key);
        if (earlier != null) {
          records.add(earlier);
          retries.add(true);
          continue;
        }
        JourneyAggregates journey = locked.get(r.journeyId());
        StoredTouchpoint t = r.toStored(ids[i], journey.touchpoints() + 1, now);
        journey.addTouchpoint(r.timestamp());
        fresh.add(t);
        if (r.eventId() != null) {
          stored.put(key, t);
        }
        records.add(t);
        retries.add(false);
      }
      touchpoints.insert(fresh);
      save(locked);
      return new Ingested<>(records, retries, fresh.size());
    });
  }

  /** Stores conversions all or nothing, refusing one that would overflow its journey's conversion value. */
  Ingested<StoredConversion> addConversions(List<NewConversion> requests, boolean batch) {
    return transactions.execute(tx -> {
      Map<Long, JourneyAggregates> locked = lock(requests, NewConversion::journeyId, batch, "conversions");
      Map<String, StoredConversion> stored = conversions.byEvent(locked.keySet(),
          eventIds(requests, NewConversion::eventId));
      long[] ids = conversions.reserveIds(requests.size());
      Instant now = StoredClock.now();
      List<StoredConversion> fresh = new ArrayList<>(requests.size());
      List<StoredConversion> records = new ArrayList<>(requests.size());
      List<Boolean> retries = new ArrayList<>(requests.size());
      for (int i = 0; i < requests.size(); i++) {
        NewConversion r = requests.get(i);
        String key = r.journeyId() + "/" + r.eventId();
        StoredConversion earlier = r.eventId() == null ? null : stored.get(key);
        if (earlier != null) {
          records.add(earlier);
          retries.add(true);
          continue;
        }
        if (!locked.get(r.journeyId()).addConversion(r.timestamp(), r.revenue())) {
          throw ApiException.unprocessable(IngestProblems.field(batch, "conversions", i, "revenue"), VALUE_OVERFLOW);
        }
        StoredConversion c = r.toStored(ids[i], now);
        fresh.add(c);
        if (r.eventId() != null) {
          stored.put(key, c);
        }
        records.add(c);
        retries.add(false);
      }
      conversions.insert(fresh);
      save(locked);
      return new Ingested<>(records, retries, fresh.size());
    });
  }

  /** Locks the requests' journeys in id order, refusing records whose journey does not exist. */
  private <R> Map<Long, JourneyAggregates> lock(List<R> requests, Function<R, Long> journeyOf, boolean batch,
      String list) {
    Map<Long, JourneyRepository.Row> rows = journeys.lock(new TreeSet<>(
        requests.stream().map(journeyOf).distinct().toList()));
    IngestProblems.refuseMissingJourneys(requests, journeyOf, rows::containsKey, batch, list);
    Map<Long, JourneyAggregates> locked = new LinkedHashMap<>();
    rows.forEach((id, row) -> locked.put(id, new JourneyAggregates(row)));
    return locked;
  }

  private void save(Map<Long, JourneyAggregates> locked) {
    List<JourneyRepository.Row> changed = new ArrayList<>();
    for (JourneyAggregates journey : locked.values()) {
      if (journey.changed()) {
        changed.add(journey.row());
      }
    }
    if (!changed.isEmpty()) {
      journeys.saveAggregates(changed);
      events.publishEvent(new JourneysChanged(changed.stream().map(r -> r.summary().id()).toList()));
    }
  }

  private static <R> List<String> eventIds(List<R> requests, Function<R, String> event) {
    return requests.stream().map(event).filter(Objects::nonNull).distinct().toList();
  }
}
