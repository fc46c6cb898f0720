package io.nexus.server.journey.internal;

import io.nexus.server.journey.JourneysChanged;
import io.nexus.server.journey.StoredConversion;
import io.nexus.server.journey.StoredTouchpoint;
import io.nexus.server.journey.internal.JourneyAggregateUpdates.Delta;
import io.nexus.server.journey.internal.JourneyRequests.NewConversion;
import io.nexus.server.journey.internal.JourneyRequests.NewTouchpoint;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The batch path on PostgreSQL when no record carries an event id: one UPDATE adds the whole batch to its journeys,
 * locks them and answers their new totals, from which the positions follow; no separate locking read.
 */
@Component
class AtOnceEventWriter {
  private final JourneyAggregateUpdates journeys;
  private final TouchpointRepository touchpoints;
  private final ConversionRepository conversions;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;

  AtOnceEventWriter(JourneyAggregateUpdates journeys, TouchpointRepository touchpoints, ConversionRepository conversions,
      TransactionTemplate transactions, ApplicationEventPublisher events) {
    this.journeys = journeys;
    this.touchpoints = touchpoints;
    this.conversions = conversions;
    this.transactions = transactions;
    this.events = events;
  }

  /** Whether this path can store {@code requests}: on PostgreSQL, when none of them carries an event id. */
  <R> boolean applies(List<R> requests, Function<R, String> eventOf) {
    return journeys.appliesDeltasAtOnce() && requests.stream().allMatch(r -> eventOf.apply(r) == null);
  }

  /** Stores touchpoints all or nothing; {@code batch} names fields with their index in errors. */
  Ingested<StoredTouchpoint> addTouchpoints(List<NewTouchpoint> requests, boolean batch) {
    return retryingDeadlocks(() -> transactions.execute(tx -> {
      Map<Long, Delta> deltas = deltas(requests, r -> new Delta(r.journeyId(), 1, BigDecimal.ZERO, false,
          r.timestamp(), r.timestamp()));
      Map<Long, Integer> totals = journeys.applyDeltas(deltas.values());
      IngestProblems.refuseMissingJourneys(requests, NewTouchpoint::journeyId, totals::containsKey, batch,
          "touchpoints");
      Map<Long, Integer> next = new HashMap<>();
      deltas.forEach((id, d) -> next.put(id, totals.get(id) - d.touchpoints() + 1));
      long[] ids = touchpoints.reserveIds(requests.size());
      Instant now = StoredClock.now();
      List<StoredTouchpoint> fresh = new ArrayList<>(requests.size());
      for (int i = 0; i < requests.size(); i++) {
        NewTouchpoint r = requests.get(i);
        int position = next.merge(r.journeyId(), 1, Integer::sum) - 1;
        fresh.add(r.toStored(ids[i], position, now));
      }
      touchpoints.insert(fresh);
      events.publishEvent(new JourneysChanged(new ArrayList<>(deltas.keySet())));
      return Ingested.allNew(fresh);
    }));
  }

  /**
   * Stores conversions all or nothing. A journey whose conversion value would overflow fails the whole statement
   * with a DataIntegrityViolationException, nothing stored.
   */
  Ingested<StoredConversion> addConversions(List<NewConversion> requests, boolean batch) {
    return retryingDeadlocks(() -> transactions.execute(tx -> {
      Map<Long, Delta> deltas = deltas(requests, r -> new Delta(r.journeyId(), 0, r.revenue(), true, r.timestamp(),
          r.timestamp()));
      Map<Long, Integer> totals = journeys.applyDeltas(deltas.values());
      IngestProblems.refuseMissingJourneys(requests, NewConversion::journeyId, totals::containsKey, batch,
          "conversions");
      long[] ids = conversions.reserveIds(requests.size());
      Instant now = StoredClock.now();
      List<StoredConversion> fresh = new ArrayList<>(requests.size());
      for (int i = 0; i < requests.size(); i++) {
        fresh.add(requests.get(i).toStored(ids[i], now));
      }
      conversions.insert(fresh);
      events.publishEvent(new JourneysChanged(new ArrayList<>(deltas.keySet())));
      return Ingested.allNew(fresh);
    }));
  }

  /** What the requests add to each journey, sorted by journey so that concurrent batches tend to lock alike. */
  private static <R> Map<Long, Delta> deltas(List<R> requests, Function<R, Delta> deltaOf) {
    Map<Long, Delta> deltas = new TreeMap<>();
    for (R r : requests) {
      Delta d = deltaOf.apply(r);
      deltas.merge(d.journeyId(), d, AtOnceEventWriter::sum);
    }
    return deltas;
  }

  private static Delta sum(Delta a, Delta b) {
    return new Delta(a.journeyId(), a.touchpoints() + b.touchpoints(), a.revenue().add(b.revenue()),
        a.converted() || b.converted(), a.earliest().isBefore(b.earliest()) ? a.earliest() : b.earliest(),
        a.latest().isAfter(b.latest()) ? a.latest() : b.latest());
  }

  /**
   * Runs a write again when the database chose it as a deadlock victim or could not get its locks: concurrent
   * batches that share journeys may lock them in different orders, and the retry then simply waits its turn.
   */
  private static <T> T retryingDeadlocks(Supplier<T> write) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      // Joined to a caller's transaction (an Idempotency-Key request): a deadlock aborted all of it, so no retry here.
      return write.get();
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (PessimisticLockingFailureException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }
}
