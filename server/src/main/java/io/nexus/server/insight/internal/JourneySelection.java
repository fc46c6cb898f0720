package io.nexus.server.insight.internal;

import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.analytics.CostRule;
import io.nexus.server.analytics.RangeCost;
import io.nexus.server.attribution.AttributionReports;
import io.nexus.server.attribution.AttributionReports.ChannelReport;
import io.nexus.server.attribution.ChannelAmount;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.journey.StoredTouchpoint;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The journeys an insight request is about, by id or by start date, and the reports over them: what each model
 * credits to each channel, what the channels cost, and each journey in turn; also over the selection's last two
 * weeks, for week-over-week change.
 */
interface JourneySelection {
  /** The length of a week, the unit of week-over-week change. */
  Duration WEEK = Duration.ofDays(7);

  /**
   * What model {@code modelId} credits to each channel over the selection's converting journeys, with the model that
   * stood in for the AI model and what its AI calls took; the AI model's new provider calls spend {@code budget}.
   */
  ChannelReport report(long modelId, AiCallBudget budget);

  /** What the model credits to each channel over the selected journeys started in {@code [from, to)}. */
  Map<Long, ChannelAmount> totals(long modelId, Instant from, Instant to, AiCallBudget budget);

  /** What the selection's channels cost, per channel. */
  RangeCost cost();

  /** What the selection's channels cost in {@code [from, to)}, per channel. */
  RangeCost cost(Instant from, Instant to);

  /** Hands every selected journey to {@code sink}, converting or not. */
  void forEach(Consumer<JourneyDetail> sink);

  /** The end of the last of the two weeks compared week over week (exclusive). */
  Instant weekAnchor();

  /**
   * Journeys given by id: at most {@code InsightRequest.MAX_JOURNEY_IDS}, all in memory. Their cost is that of their
   * own touches: platform spend is per channel and day, and no share of it belongs to a hand-picked set of journeys.
   */
  record ById(List<JourneyDetail> journeys, AttributionReports attribution) implements JourneySelection {

    @Override
    public ChannelReport report(long modelId, AiCallBudget budget) {
      return attribution.channelReport(modelId, journeys, budget);
    }

    @Override
    public Map<Long, ChannelAmount> totals(long modelId, Instant from, Instant to, AiCallBudget budget) {
      return attribution.channelReport(modelId, journeys.stream()
          .filter(j -> !j.journey().startTime().isBefore(from) && j.journey().startTime().isBefore(to)).toList(),
          budget).totals();
    }

    @Override
    public RangeCost cost() {
      return cost(Instant.MIN, Instant.MAX);
    }

    @Override
    public RangeCost cost(Instant from, Instant to) {
      Map<Long, BigDecimal> cost = new HashMap<>();
      for (JourneyDetail journey : journeys) {
        for (StoredTouchpoint t : journey.touchpoints()) {
          if (!t.timestamp().isBefore(from) && t.timestamp().isBefore(to)) {
            cost.merge(t.channelId(), t.cost(), BigDecimal::add);
          }
        }
      }
      boolean paid = cost.values().stream().anyMatch(amount -> amount.signum() != 0);
      return new RangeCost(cost, paid ? "touchpoints" : "none", null);
    }

    @Override
    public void forEach(Consumer<JourneyDetail> sink) {
      journeys.forEach(sink);
    }

    /** The end of the UTC day the latest of the journeys started on. */
    @Override
    public Instant weekAnchor() {
      Instant latest = journeys.stream().map(j -> j.journey().startTime()).max(Instant::compareTo)
          .orElse(Instant.EPOCH);
      return latest.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).plusDays(1).toInstant();
    }
  }

  /**
   * Journeys started in {@code [from, to)}: walked in chunks, never all in memory. Their cost is the channels' cost
   * by channel ROI's rule, platform spend included, so that the facts' ROI and ROAS are channel ROI's.
   */
  record ByRange(Instant from, Instant to, JourneyData data, AttributionReports attribution, CostRule costs)
      implements JourneySelection {

    @Override
    public ChannelReport report(long modelId, AiCallBudget budget) {
      return attribution.channelReport(modelId, from, to, budget);
    }

    @Override
    public Map<Long, ChannelAmount> totals(long modelId, Instant weekFrom, Instant weekTo, AiCallBudget budget) {
      return attribution.channelReport(modelId, later(weekFrom), earlier(weekTo), budget).totals();
    }

    @Override
    public RangeCost cost() {
      return costs.over(from, to);
    }

    @Override
    public RangeCost cost(Instant weekFrom, Instant weekTo) {
      return costs.over(later(weekFrom), earlier(weekTo));
    }

    @Override
    public void forEach(Consumer<JourneyDetail> sink) {
      data.forEachChunk(JourneyQuery.between(from, to), 5_000, chunk -> chunk.forEach(sink));
    }

    /** The end of the range. */
    @Override
    public Instant weekAnchor() {
      return to;
    }

    private Instant later(Instant t) {
      return t.isAfter(from) ? t : from;
    }

    private Instant earlier(Instant t) {
      return t.isBefore(to) ? t : to;
    }
  }
}
