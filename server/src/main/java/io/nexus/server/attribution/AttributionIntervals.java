package io.nexus.server.attribution;

import java.time.Instant;
import java.util.Map;

/** How sure the reports' channel totals are: bootstrap intervals, for the analytics module; thread-safe. */
public interface AttributionIntervals {

  /**
   * The 90 % bootstrap intervals of {@link AttributionReports#channelTotals(long, Instant, Instant, TouchFilter)}, by
   * channel id: 200 seeded replicates of the journeys as {@code touches} leaves them (those left without touches are
   * not credited), a data-driven model refitted on each replicate of its whole training window, as its point estimate
   * keeps that fit (see docs/uncertainty.md). Computed once per fit, date range, filter and data version, and cached
   * like the fit; empty when nothing converted.
   *
   * @throws io.nexus.server.web.ApiException as {@link AttributionReports#channelTotals}
   */
  Map<Long, AmountInterval> channelIntervals(long modelId, Instant from, Instant to, TouchFilter touches);
}
