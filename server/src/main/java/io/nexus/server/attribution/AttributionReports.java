package io.nexus.server.attribution;

import io.nexus.server.journey.JourneyDetail;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Attribution over many journeys, for the analytics module; thread-safe. */
public interface AttributionReports {

  /**
   * What model {@code modelId} credits to each channel over the converting journeys that started in
   * {@code [from, to)}, computed with the engine (data-driven models from their current fit), by channel id.
   *
   * @throws io.nexus.server.web.ApiException 404 for an unknown model, 409 for an inactive one, 503 for the AI
   *     model without a provider
   */
  Map<Long, ChannelAmount> channelTotals(long modelId, Instant from, Instant to);

  /**
   * What model {@code modelId} credits to each channel over {@code journeys} (those that cannot be credited, without
   * conversion or touch before one, are left out), computed like {@link #channelTotals(long, Instant, Instant)}.
   *
   * @throws io.nexus.server.web.ApiException as {@link #channelTotals(long, Instant, Instant)}
   */
  Map<Long, ChannelAmount> channelTotals(long modelId, Collection<JourneyDetail> journeys);

  /**
   * Like {@link #channelTotals(long, Instant, Instant)}, crediting only the touches {@code touches} keeps of each
   * journey (the model's fit is unchanged); journeys left without touches are not credited.
   */
  Map<Long, ChannelAmount> channelTotals(long modelId, Instant from, Instant to, TouchFilter touches);
}
