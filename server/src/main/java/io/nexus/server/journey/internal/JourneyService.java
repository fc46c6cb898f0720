package io.nexus.server.journey.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.journey.JourneySummary;
import io.nexus.server.journey.JourneysChanged;
import io.nexus.server.journey.StoredConversion;
import io.nexus.server.journey.StoredTouchpoint;
import io.nexus.server.journey.internal.JourneyRequests.NewConversion;
import io.nexus.server.journey.internal.JourneyRequests.NewJourney;
import io.nexus.server.journey.internal.JourneyRequests.NewTouchpoint;
import io.nexus.server.system.ApiException;
import io.nexus.server.system.FieldProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores journeys, touchpoints and conversions. Every write runs in one transaction that locks the journeys it
 * touches, so positions and aggregates stay right under concurrent writers, a refused request writes nothing, and a
 * retried event id finds the record it stored the first time.
 */
@Service
class JourneyService implements JourneyData, io.nexus.server.journey.JourneyImport {
  private static final int MAX_REPORTED_PROBLEMS = 50;
  /** A new journey's value and duration as stored: conversion_value NUMERIC(18, 4), duration NUMERIC(14, 2). */
  private static final BigDecimal NO_VALUE = BigDecimal.ZERO.setScale(4);
  private static final BigDecimal NO_DURATION = BigDecimal.ZERO.setScale(2);
  private static final String VALUE_OVERFLOW = "would bring the journey's conversion value over the largest it holds, "
      + JourneyAggregates.MAX_VALUE.toPlainString();

  private final JourneyRepository journeys;
  private final TouchpointRepository touchpoints;
  private final ConversionRepository conversions;
  private final ChannelCatalog channels;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final Counter touchpointsStored;
  private final Counter conversionsStored;
  private final Counter journeysCreated;

  JourneyService(JourneyRepository journeys, TouchpointRepository touchpoints, ConversionRepository conversions,
      ChannelCatalog channels, TransactionTemplate transactions, ApplicationEventPublisher events,
      MeterRegistry meters) {
    this.journeys = journeys;
    this.touchpoints = touchpoints;
    this.conversions = conversions;
    this.channels = channels;
    this.transactions = transactions;
    this.events = events;
    this.touchpointsStored = meters.counter("nexus.ingest.touchpoints");
    this.conversionsStored = meters.counter("nexus.ingest.conversions");
    this.journeysCreated = meters.counter("nexus.ingest.journeys");
  }

  // ---- journeys -------------------------------------------------------------------------------------------------

  List<JourneySummary> create(List<NewJourney> requests) {
    List<JourneySummary> drafts = new ArrayList<>(requests.size());
    for (NewJourney r : requests) {
      drafts.add(new JourneySummary(0, r.userId().strip(), r.sessionId(), r.startTime(), r.startTime(), 0,
          NO_VALUE, false, NO_DURATION, null, null));
    }
    List<JourneySummary> created = transactions.execute(tx -> {
      Instant now = now();
      long[] ids = journeys.insert(drafts, now);
      List<Long> idList = new ArrayList<>(ids.length);
      List<JourneySummary> stored = new ArrayList<>(ids.length);
      for (int i = 0; i < ids.length; i++) {
        JourneySummary d = drafts.get(i);
        idList.add(ids[i]);
        stored.add(new JourneySummary(ids[i], d.userId(), d.sessionId(), d.startTime(), d.endTime(),
            d.totalTouchpoints(), d.conversionValue(), d.hasConversion(), d.journeyDurationMinutes(), now, now));
      }
      events.publishEvent(new JourneysChanged(idList));
      return stored;
    });
    journeysCreated.increment(created.size());
    return created;
  }

  JourneySummary get(long id) {
    return journeys.find(id).map(JourneyRepository.Row::summary)
        .orElseThrow(() -> ApiException.notFound("journey", id));
  }

  JourneyDetail detail(long id) {
    return find(id).orElseThrow(() -> ApiException.notFound("journey", id));
  }

  record Page(List<JourneySummary> items, int page, int size, long totalItems, long totalPages) {}

  Page list(JourneyQuery query, int page, int size) {
    List<JourneySummary> items = journeys.page(query, page, size).stream().map(JourneyRepository.Row::summary).toList();
    long total = journeys.count(query);
    return new Page(items, page, size, total, (total + size - 1) / size);
  }

  void delete(long id) {
    get(id);
    transactions.executeWithoutResult(tx -> {
      journeys.delete(id);
      events.publishEvent(new JourneysChanged(List.of(id)));
    });
  }

  // ---- touchpoints ----------------------------------------------------------------------------------------------

  /** Records written by a request, in request order, each marked when it was a retry of a stored event id. */
  record Written<T>(List<T> records, List<Boolean> duplicates, int created) {}

  /** Stores touchpoints all or nothing; {@code batch} names fields with their index in errors. */
  Written<StoredTouchpoint> addTouchpoints(List<NewTouchpoint> requests, boolean batch) {
    Map<Long, Channel> known = channels.findAll(distinct(requests, NewTouchpoint::channelId));
    List<FieldProblem> problems = new ArrayList<>();
    for (int i = 0; i < requests.size() && problems.size() < MAX_REPORTED_PROBLEMS; i++) {
      Channel channel = known.get(requests.get(i).channelId());
      if (channel == null) {
        problems.add(new FieldProblem(field(batch, "touchpoints", i, "channel_id"),
            "channel " + requests.get(i).channelId() + " does not exist"));
      } else if (!channel.isActive()) {
        problems.add(new FieldProblem(field(batch, "touchpoints", i, "channel_id"),
            "channel " + channel.id() + " (" + channel.name() + ") is inactive"));
      }
    }
    refuseIf(problems);
    if (journeys.appliesDeltasAtOnce() && requests.stream().allMatch(r -> r.eventId() == null)) {
      Written<StoredTouchpoint> result = retryingDeadlocks(() -> transactions.execute(
          tx -> addTouchpointsAtOnce(requests, batch)));
      touchpointsStored.increment(result.created());
      return result;
    }
    Written<StoredTouchpoint> result = transactions.execute(tx -> {
      Map<Long, JourneyAggregates> locked = lock(requests, NewTouchpoint::journeyId, batch, "touchpoints");
      Map<String, StoredTouchpoint> stored = touchpoints.byEvent(locked.keySet(),
          events(requests, NewTouchpoint::eventId));
      long[] ids = touchpoints.reserveIds(requests.size());
      Instant now = now();
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
        int position = r.positionInJourney() != null ? r.positionInJourney() : journey.touchpoints() + 1;
        journey.addTouchpoint(r.timestamp());
        StoredTouchpoint t = new StoredTouchpoint(ids[i], r.journeyId(), r.channelId(),
            r.touchpointType() == null ? "visit" : r.touchpointType(), r.timestamp(), position,
            r.timeSpentSeconds(), r.pagesViewed(), atScale(r.engagementScore(), JourneyRequests.ENGAGEMENT_SCALE),
            atScale(r.cost() == null ? BigDecimal.ZERO : r.cost(), JourneyRequests.COST_SCALE),
            r.campaignId(), r.campaignName(), r.deviceType(), r.browser(), r.eventId(), now);
        fresh.add(t);
        if (r.eventId() != null) {
          stored.put(key, t);
        }
        records.add(t);
        retries.add(false);
      }
      touchpoints.insert(fresh);
      save(locked);
      return new Written<>(records, retries, fresh.size());
    });
    touchpointsStored.increment(result.created());
    return result;
  }

  /**
   * The bulk path on PostgreSQL when no record carries an event id: one UPDATE adds the batch to its journeys, locks
   * them and answers their new totals, from which the positions follow; no separate locking read.
   */
  private Written<StoredTouchpoint> addTouchpointsAtOnce(List<NewTouchpoint> requests, boolean batch) {
    // Sorted by journey so that concurrent batches tend to lock shared journeys in the same order.
    Map<Long, JourneyRepository.Delta> deltas = new java.util.TreeMap<>();
    for (NewTouchpoint r : requests) {
      deltas.merge(r.journeyId(), new JourneyRepository.Delta(r.journeyId(), 1, BigDecimal.ZERO, false,
          r.timestamp(), r.timestamp()), JourneyService::sum);
    }
    Map<Long, Integer> totals = journeys.applyDeltas(deltas.values());
    refuseMissing(requests, NewTouchpoint::journeyId, totals::containsKey, batch, "touchpoints");
    Map<Long, Integer> next = new HashMap<>();
    deltas.forEach((id, d) -> next.put(id, totals.get(id) - d.touchpoints() + 1));
    long[] ids = touchpoints.reserveIds(requests.size());
    Instant now = now();
    List<StoredTouchpoint> fresh = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      NewTouchpoint r = requests.get(i);
      int position = next.merge(r.journeyId(), 1, Integer::sum) - 1;
      fresh.add(new StoredTouchpoint(ids[i], r.journeyId(), r.channelId(),
          r.touchpointType() == null ? "visit" : r.touchpointType(), r.timestamp(),
          r.positionInJourney() != null ? r.positionInJourney() : position, r.timeSpentSeconds(), r.pagesViewed(),
          atScale(r.engagementScore(), JourneyRequests.ENGAGEMENT_SCALE),
          atScale(r.cost() == null ? BigDecimal.ZERO : r.cost(), JourneyRequests.COST_SCALE), r.campaignId(),
          r.campaignName(), r.deviceType(), r.browser(), null, now));
    }
    touchpoints.insert(fresh);
    events.publishEvent(new JourneysChanged(new ArrayList<>(deltas.keySet())));
    return new Written<>(fresh, java.util.Collections.nCopies(fresh.size(), false), fresh.size());
  }

  /**
   * Runs a write again when the database chose it as a deadlock victim or could not get its locks: concurrent
   * batches that share journeys may lock them in different orders, and the retry then simply waits its turn.
   */
  private static <T> T retryingDeadlocks(java.util.function.Supplier<T> write) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      // Joined to a caller's transaction (an Idempotency-Key request): a deadlock aborted all of it, so no retry here.
      return write.get();
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (org.springframework.dao.PessimisticLockingFailureException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private static JourneyRepository.Delta sum(JourneyRepository.Delta a, JourneyRepository.Delta b) {
    return new JourneyRepository.Delta(a.journeyId(), a.touchpoints() + b.touchpoints(), a.revenue().add(b.revenue()),
        a.converted() || b.converted(), a.earliest().isBefore(b.earliest()) ? a.earliest() : b.earliest(),
        a.latest().isAfter(b.latest()) ? a.latest() : b.latest());
  }

  // ---- conversions ----------------------------------------------------------------------------------------------

  Written<StoredConversion> addConversions(List<NewConversion> requests, boolean batch) {
    if (journeys.appliesDeltasAtOnce() && requests.stream().allMatch(r -> r.eventId() == null)) {
      try {
        Written<StoredConversion> result = retryingDeadlocks(() -> transactions.execute(
            tx -> addConversionsAtOnce(requests, batch)));
        conversionsStored.increment(result.created());
        return result;
      } catch (DataIntegrityViolationException overflow) {
        // A journey's conversion value would overflow: nothing was stored, and the record by record path below finds
        // the record that crosses the limit and names it.
      }
    }
    Written<StoredConversion> result = transactions.execute(tx -> {
      Map<Long, JourneyAggregates> locked = lock(requests, NewConversion::journeyId, batch, "conversions");
      Map<String, StoredConversion> stored = conversions.byEvent(locked.keySet(),
          events(requests, NewConversion::eventId));
      long[] ids = conversions.reserveIds(requests.size());
      Instant now = now();
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
          throw ApiException.unprocessable(field(batch, "conversions", i, "revenue"), VALUE_OVERFLOW);
        }
        StoredConversion c = new StoredConversion(ids[i], r.journeyId(),
            r.conversionType() == null ? "purchase" : r.conversionType(), r.timestamp(),
            atScale(r.revenue(), JourneyRequests.REVENUE_SCALE),
            r.quantity() == null ? 1 : r.quantity(), r.productId(), r.productName(), r.productCategory(),
            r.eventId(), now);
        fresh.add(c);
        if (r.eventId() != null) {
          stored.put(key, c);
        }
        records.add(c);
        retries.add(false);
      }
      conversions.insert(fresh);
      save(locked);
      return new Written<>(records, retries, fresh.size());
    });
    conversionsStored.increment(result.created());
    return result;
  }

  /** The bulk path on PostgreSQL when no record carries an event id; see {@link #addTouchpointsAtOnce}. */
  private Written<StoredConversion> addConversionsAtOnce(List<NewConversion> requests, boolean batch) {
    // Sorted by journey so that concurrent batches tend to lock shared journeys in the same order.
    Map<Long, JourneyRepository.Delta> deltas = new java.util.TreeMap<>();
    for (NewConversion r : requests) {
      deltas.merge(r.journeyId(), new JourneyRepository.Delta(r.journeyId(), 0, r.revenue(), true, r.timestamp(),
          r.timestamp()), JourneyService::sum);
    }
    Map<Long, Integer> totals = journeys.applyDeltas(deltas.values());
    refuseMissing(requests, NewConversion::journeyId, totals::containsKey, batch, "conversions");
    long[] ids = conversions.reserveIds(requests.size());
    Instant now = now();
    List<StoredConversion> fresh = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      NewConversion r = requests.get(i);
      fresh.add(new StoredConversion(ids[i], r.journeyId(), r.conversionType() == null ? "purchase"
          : r.conversionType(), r.timestamp(), atScale(r.revenue(), JourneyRequests.REVENUE_SCALE),
          r.quantity() == null ? 1 : r.quantity(), r.productId(),
          r.productName(), r.productCategory(), null, now));
    }
    conversions.insert(fresh);
    events.publishEvent(new JourneysChanged(new ArrayList<>(deltas.keySet())));
    return new Written<>(fresh, java.util.Collections.nCopies(fresh.size(), false), fresh.size());
  }

  // ---- shared steps ---------------------------------------------------------------------------------------------

  private <R> Map<Long, JourneyAggregates> lock(List<R> requests, java.util.function.Function<R, Long> journeyOf,
      boolean batch, String list) {
    Map<Long, JourneyRepository.Row> rows = journeys.lock(new TreeSet<>(distinct(requests, journeyOf)));
    refuseMissing(requests, journeyOf, rows::containsKey, batch, list);
    Map<Long, JourneyAggregates> locked = new LinkedHashMap<>();
    rows.forEach((id, row) -> locked.put(id, new JourneyAggregates(row)));
    return locked;
  }

  /** Refuses the request, naming each record whose journey does not exist; the transaction then writes nothing. */
  private static <R> void refuseMissing(List<R> requests, java.util.function.Function<R, Long> journeyOf,
      java.util.function.Predicate<Long> exists, boolean batch, String list) {
    List<FieldProblem> problems = new ArrayList<>();
    for (int i = 0; i < requests.size() && problems.size() < MAX_REPORTED_PROBLEMS; i++) {
      Long id = journeyOf.apply(requests.get(i));
      if (!exists.test(id)) {
        problems.add(new FieldProblem(field(batch, list, i, "journey_id"), "journey " + id + " does not exist"));
      }
    }
    refuseIf(problems);
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

  private static void refuseIf(List<FieldProblem> problems) {
    if (!problems.isEmpty()) {
      throw ApiException.unprocessable(problems.size() == 1 ? problems.get(0).field() + ": "
          + problems.get(0).reason() : problems.size() + " records refer to missing or inactive resources; nothing "
          + "was stored", problems);
    }
  }

  /** Now, to the microsecond the database keeps, so that answered and stored times are the same. */
  private static Instant now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  /**
   * {@code value} at its column's scale, as the database gives it back, so that the answer shows what was stored;
   * validation has made sure that no digit is lost.
   */
  private static BigDecimal atScale(BigDecimal value, int scale) {
    return value == null ? null : value.setScale(scale, java.math.RoundingMode.UNNECESSARY);
  }

  private static String field(boolean batch, String list, int index, String name) {
    return batch ? list + "[" + index + "]." + name : name;
  }

  private static <R> List<Long> distinct(List<R> requests, java.util.function.Function<R, Long> id) {
    return requests.stream().map(id).distinct().toList();
  }

  private static <R> List<String> events(List<R> requests, java.util.function.Function<R, String> event) {
    return requests.stream().map(event).filter(java.util.Objects::nonNull).distinct().toList();
  }

  // ---- bulk import ----------------------------------------------------------------------------------------------

  @Override
  public List<Long> importJourneys(List<io.nexus.server.journey.ImportedJourney> imported) {
    List<Long> ids = transactions.execute(tx -> {
      List<JourneySummary> summaries = new ArrayList<>(imported.size());
      int touchCount = 0;
      int conversionCount = 0;
      for (var j : imported) {
        Instant start = j.startTime();
        Instant end = j.startTime();
        BigDecimal value = BigDecimal.ZERO;
        for (var t : j.touchpoints()) {
          start = t.timestamp().isBefore(start) ? t.timestamp() : start;
          end = t.timestamp().isAfter(end) ? t.timestamp() : end;
        }
        for (var c : j.conversions()) {
          start = c.timestamp().isBefore(start) ? c.timestamp() : start;
          end = c.timestamp().isAfter(end) ? c.timestamp() : end;
          value = value.add(c.revenue());
        }
        BigDecimal minutes = JourneyAggregates.minutes(start, end);
        summaries.add(new JourneySummary(0, j.userId(), j.sessionId(), start, end, j.touchpoints().size(), value,
            !j.conversions().isEmpty(), minutes, null, null));
        touchCount += j.touchpoints().size();
        conversionCount += j.conversions().size();
      }
      long[] journeyIds = journeys.insert(summaries, now());
      long[] touchIds = touchpoints.reserveIds(touchCount);
      long[] conversionIds = conversions.reserveIds(conversionCount);
      List<StoredTouchpoint> touches = new ArrayList<>(touchCount);
      List<StoredConversion> purchases = new ArrayList<>(conversionCount);
      Instant now = now();
      int t = 0;
      int c = 0;
      for (int i = 0; i < imported.size(); i++) {
        var j = imported.get(i);
        int position = 0;
        for (var touch : j.touchpoints()) {
          touches.add(new StoredTouchpoint(touchIds[t++], journeyIds[i], touch.channelId(), touch.touchpointType(),
              touch.timestamp(), ++position, touch.timeSpentSeconds(), touch.pagesViewed(), touch.engagementScore(),
              touch.cost() == null ? BigDecimal.ZERO : touch.cost(), null, touch.campaignName(), touch.deviceType(),
              touch.browser(), null, now));
        }
        for (var purchase : j.conversions()) {
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

  // ---- reads for other modules ----------------------------------------------------------------------------------

  @Override
  public Optional<JourneyDetail> find(long id) {
    List<JourneyDetail> found = load(List.of(id));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public OptionalLong version(long id) {
    return journeys.version(id);
  }

  @Override
  public List<JourneyDetail> load(Collection<Long> ids) {
    List<JourneyDetail> result = new ArrayList<>(ids.size());
    List<Long> all = new ArrayList<>(new TreeSet<>(ids));
    for (int from = 0; from < all.size(); from += 2_000) {
      List<Long> chunk = all.subList(from, Math.min(all.size(), from + 2_000));
      List<JourneyRepository.Row> rows = journeys.findAll(chunk);
      Map<Long, List<StoredTouchpoint>> touches = touchpoints.byJourney(chunk);
      Map<Long, List<StoredConversion>> converted = conversions.byJourney(chunk);
      for (JourneyRepository.Row row : rows) {
        long id = row.summary().id();
        result.add(new JourneyDetail(row.summary(), touches.getOrDefault(id, List.of()),
            converted.getOrDefault(id, List.of()), row.version()));
      }
    }
    return result;
  }

  @Override
  public List<Long> ids(JourneyQuery query) {
    return journeys.ids(query);
  }

  @Override
  public void forEachChunk(JourneyQuery query, int chunkSize, Consumer<List<JourneyDetail>> sink) {
    List<Long> ids = journeys.ids(query);
    for (int from = 0; from < ids.size(); from += chunkSize) {
      sink.accept(load(ids.subList(from, Math.min(ids.size(), from + chunkSize))));
    }
  }

  @Override
  public Optional<Instant> latestStart() {
    return journeys.latestStart();
  }

  @Override
  public Map<Long, BigDecimal> costByChannel(Instant from, Instant to) {
    return touchpoints.costByChannel(from, to);
  }
}
