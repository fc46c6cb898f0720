package io.nexus.engine;

import java.math.BigDecimal;

/**
 * One channel's share of one journey's conversions under one model, the row every entry point stores or shows;
 * immutable and thread-safe.
 *
 * @param channel the channel
 * @param credit the fraction of the journey's credited value that the channel earns, 0..1 (participation: the share
 *     of the value it took part in, 1 for a single conversion); with conversions at several times, each conversion
 *     weighs by its value (by one each when they have none)
 * @param conversions the conversions attributed: each credited conversion's share summed, {@code credit} times the
 *     conversions when they all happened at once
 * @param value the value attributed, exact to the scale of the journey's value; each conversion is split exactly, so
 *     the values of an additive model's credits add up to the credited value exactly
 * @param touches how many of the journey's touches are on the channel
 * @param cost what the journey's touches on the channel cost
 */
public record ChannelCredit(Channel channel, double credit, double conversions, BigDecimal value, int touches,
    BigDecimal cost) {

  /** The channel's attributed value against its cost: ROI and ROAS. */
  public ReturnOnSpend returnOnSpend() {
    return new ReturnOnSpend(value, cost);
  }
}
