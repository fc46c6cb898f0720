package io.nexus.server.journey.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.JourneySummary;
import io.nexus.server.journey.JourneysChanged;
import io.nexus.server.journey.StoredConversion;
import io.nexus.server.journey.StoredTouchpoint;
import io.nexus.server.journey.internal.JourneyRequests.NewConversion;
import io.nexus.server.journey.internal.JourneyRequests.NewJourney;
import io.nexus.server.journey.internal.JourneyRequests.NewTouchpoint;
import io.nexus.server.web.FieldProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every change the API makes to journeys: creating them, adding touchpoints and conversions, deleting them. Events
 * go the {@link AtOnceEventWriter} way when the database allows, else the {@link LockingEventWriter} way; either
 * writes all of a request or nothing, so a refused request leaves no trace.
 */
@Service
class JourneyWrites {
  /** A new journey's value and duration as stored: conversion_value NUMERIC(18, 4), duration NUMERIC(14, 2). */
  private static final BigDecimal NO_VALUE = BigDecimal.ZERO.setScale(4);
  private static final BigDecimal NO_DURATION = BigDecimal.ZERO.setScale(2);

  private final JourneyRepository journeys;
  private final ChannelCatalog channels;
  private final LockingEventWriter locking;
  private final AtOnceEventWriter atOnce;
  private final JourneyQueries queries;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final Counter touchpointsStored;
  private final Counter conversionsStored;
  private final Counter journeysCreated;

  JourneyWrites(JourneyRepository journeys, ChannelCatalog channels, LockingEventWriter locking,
      AtOnceEventWriter atOnce, JourneyQueries queries, TransactionTemplate transactions,
      ApplicationEventPublisher events, MeterRegistry meters) {
    this.journeys = journeys;
    this.channels = channels;
    this.locking = locking;
    this.atOnce = atOnce;
    this.queries = queries;
    this.transactions = transactions;
    this.events = events;
    this.touchpointsStored = meters.counter("nexus.ingest.touchpoints");
    this.conversionsStored = meters.counter("nexus.ingest.conversions");
    this.journeysCreated = meters.counter("nexus.ingest.journeys");
  }

  /** Creates journeys, all or nothing, and answers them as stored. */
  List<JourneySummary> create(List<NewJourney> requests) {
    List<JourneySummary> drafts = new ArrayList<>(requests.size());
    for (NewJourney r : requests) {
      drafts.add(new JourneySummary(0, r.userId().strip(), r.sessionId(), r.startTime(), r.startTime(), 0,
          NO_VALUE, false, NO_DURATION, null, null));
    }
    List<JourneySummary> created = transactions.execute(tx -> {
      Instant now = StoredClock.now();
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

  /** Deletes a journey with its touchpoints, conversions and stored results; 404 when it does not exist. */
  void delete(long id) {
    queries.get(id);
    transactions.executeWithoutResult(tx -> {
      journeys.delete(id);
      events.publishEvent(new JourneysChanged(List.of(id)));
    });
  }

  /** Stores touchpoints all or nothing; {@code batch} names fields with their index in errors. */
  Ingested<StoredTouchpoint> addTouchpoints(List<NewTouchpoint> requests, boolean batch) {
    refuseUnusableChannels(requests, batch);
    Ingested<StoredTouchpoint> result = atOnce.applies(requests, NewTouchpoint::eventId)
        ? atOnce.addTouchpoints(requests, batch) : locking.addTouchpoints(requests, batch);
    touchpointsStored.increment(result.created());
    return result;
  }

  /** Stores conversions all or nothing; {@code batch} names fields with their index in errors. */
  Ingested<StoredConversion> addConversions(List<NewConversion> requests, boolean batch) {
    Ingested<StoredConversion> result = null;
    if (atOnce.applies(requests, NewConversion::eventId)) {
      try {
        result = atOnce.addConversions(requests, batch);
      } catch (DataIntegrityViolationException overflow) {
        // A journey's conversion value would overflow: nothing was stored, and the record by record path finds the
        // record that crosses the limit and names it.
      }
    }
    if (result == null) {
      result = locking.addConversions(requests, batch);
    }
    conversionsStored.increment(result.created());
    return result;
  }

  /** Refuses touchpoints on channels that do not exist or are inactive, naming each (up to fifty). */
  private void refuseUnusableChannels(List<NewTouchpoint> requests, boolean batch) {
    Map<Long, Channel> known = channels.findAll(requests.stream().map(NewTouchpoint::channelId).distinct().toList());
    List<FieldProblem> problems = new ArrayList<>();
    for (int i = 0; i < requests.size() && problems.size() < IngestProblems.MAX_REPORTED; i++) {
      Channel channel = known.get(requests.get(i).channelId());
      String field = IngestProblems.field(batch, "touchpoints", i, "channel_id");
      if (channel == null) {
        problems.add(new FieldProblem(field, "channel " + requests.get(i).channelId() + " does not exist"));
      } else if (!channel.isActive()) {
        problems.add(new FieldProblem(field, "channel " + channel.id() + " (" + channel.name() + ") is inactive"));
      }
    }
    IngestProblems.refuseIf(problems);
  }
}
