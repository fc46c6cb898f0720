package io.nexus.server.journey.internal;

import io.nexus.server.journey.JourneysChanged;
import io.nexus.server.journey.StoredConversion;
import io.nexus.server.journey.StoredTouchpoint;
import io.nexus.server.journey.internal.JourneyRequests.NewConversion;
import io.nexus.server.journey.internal.JourneyRequests.NewTouchpoint;
import io.nexus.server.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
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
  private final JourneyAggregateUpdates aggregates;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final Kind<NewTouchpoint, StoredTouchpoint> touchpoints;
  private final Kind<NewConversion, StoredConversion> conversions;

  LockingEventWriter(JourneyRepository journeys, JourneyAggregateUpdates aggregates,
      TouchpointRepository touchpoints, ConversionRepository conversions, TransactionTemplate transactions,
      ApplicationEventPublisher events) {
    this.journeys = journeys;
    this.aggregates = aggregates;
    this.transactions = transactions;
    this.events = events;
    this.touchpoints = new Kind<>("touchpoints", NewTouchpoint::journeyId, NewTouchpoint::eventId,
        touchpoints::byEvent, touchpoints::reserveIds, touchpoints::insert);
    this.conversions = new Kind<>("conversions", NewConversion::journeyId, NewConversion::eventId,
        conversions::byEvent, conversions::reserveIds, conversions::insert);
  }

  /** Stores touchpoints all or nothing; {@code batch} names fields with their index in errors. */
  Ingested<StoredTouchpoint> addTouchpoints(List<NewTouchpoint> requests, boolean batch) {
    return write(requests, batch, touchpoints, (index, r, journey, id, now) -> {
      StoredTouchpoint t = r.toStored(id, journey.touchpoints() + 1, now);
      journey.addTouchpoint(r.timestamp());
      return t;
    });
  }

  /** Stores conversions all or nothing, refusing one that would overflow its journey's conversion value. */
  Ingested<StoredConversion> addConversions(List<NewConversion> requests, boolean batch) {
    return write(requests, batch, conversions, (index, r, journey, id, now) -> {
      if (!journey.addConversion(r.timestamp(), r.revenue())) {
        throw ApiException.unprocessable(IngestProblems.field(batch, "conversions", index, "revenue"),
            VALUE_OVERFLOW);
      }
      return r.toStored(id, now);
    });
  }

  /** One kind of event: how requests name their journey and event id, and how its table stores them. */
  private record Kind<R, S>(String list, Function<R, Long> journeyOf, Function<R, String> eventOf,
      BiFunction<Collection<Long>, Collection<String>, Map<String, S>> storedByEvent, IntFunction<long[]> reserveIds,
      Consumer<List<S>> insert) {}

  /** Adds request {@code index} to its locked journey and answers the record as it will be stored under {@code id}. */
  private interface Addition<R, S> {
    S add(int index, R request, JourneyAggregates journey, long id, Instant now);
  }

  /**
   * Stores every request that is not a retry of a stored event id, in order, under locks on their journeys; a retry
   * answers the record stored the first time (or earlier in the same request).
   */
  private <R, S> Ingested<S> write(List<R> requests, boolean batch, Kind<R, S> kind, Addition<R, S> addition) {
    return transactions.execute(tx -> {
      Map<Long, JourneyAggregates> locked = lock(requests, kind.journeyOf(), batch, kind.list());
      Map<String, S> stored = kind.storedByEvent().apply(locked.keySet(), eventIds(requests, kind.eventOf()));
      long[] ids = kind.reserveIds().apply(requests.size());
      Instant now = StoredClock.now();
      List<S> fresh = new ArrayList<>(requests.size());
      List<S> records = new ArrayList<>(requests.size());
      List<Boolean> retries = new ArrayList<>(requests.size());
      for (int i = 0; i < requests.size(); i++) {
        R r = requests.get(i);
        Long journeyId = kind.journeyOf().apply(r);
        String eventId = kind.eventOf().apply(r);
        String key = journeyId + "/" + eventId;
        S earlier = eventId == null ? null : stored.get(key);
        if (earlier != null) {
          records.add(earlier);
          retries.add(true);
          continue;
        }
        S record = addition.add(i, r, locked.get(journeyId), ids[i], now);
        fresh.add(record);
        if (eventId != null) {
          stored.put(key, record);
        }
        records.add(record);
        retries.add(false);
      }
      kind.insert().accept(fresh);
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
      aggregates.save(changed);
      events.publishEvent(new JourneysChanged(changed.stream().map(r -> r.summary().id()).toList()));
    }
  }

  private static <R> List<String> eventIds(List<R> requests, Function<R, String> event) {
    return requests.stream().map(event).filter(Objects::nonNull).distinct().toList();
  }
}
