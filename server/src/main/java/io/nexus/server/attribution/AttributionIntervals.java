package io.nexus.server.attribution;

import java.time.Instant;
import java.util.Map;

/** How sure the reports' channel totals are: bootstrap intervals, for the analytics module; thread-safe. */
public interface AttributionIntervals {

  /**
   * The 90 % bootstrap intervals of {@link AttributionReports#channelTotals(long, Instant, Instant, TouchFilter)}, by
   * channel id: 200 seeded replicates of the journeys as {@code touches} leaves them (those left without touches are
   * not credited), a data-driven model refitted on each replicate of its whole training window, as its point estimate
   * keeps that fit (see docs/uncertainty.md). The AI model's answers are each journey's fixed credit, resampled alike
   * (the answers its report stored, so no provider call is made for journeys it credited); without a provider, its
   * fallback model's intervals. Computed once per fit, date range, filter and data version, and cached like the fit;
   * empty when nothing converted.
   *
   * @throws io.nexus.server.web.ApiException as {@link AttributionReports#channelTotals}, 422 for the AI model with
   *     touches left out
   */
  Map<Long, AmountInterval> channelIntervals(long modelId, Instant from, Instant to, TouchFilter touches);
}
