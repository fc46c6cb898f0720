package io.nexus.engine;

import java.math.BigDecimal;

/**
 * One channel's share of one journey's conversions under one model; immutable and thread-safe.
 *
 * @param channel the channel
 * @param credit the fraction of the journey credited to the channel, 0..1 (participation: 1 for every channel)
 * @param conversions the conversions attributed, {@code credit} times the journey's conversions
 * @param value the value attributed, exact to the scale of the journey's value; the values of an additive model's
 *     credits add up to the journey's value exactly
 * @param touches how many of the journey's touches are on the channel
 */
public record ChannelCredit(String channel, double credit, double conversions, BigDecimal value, int touches) {}
