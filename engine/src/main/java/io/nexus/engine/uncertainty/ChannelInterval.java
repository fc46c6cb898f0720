package io.nexus.engine.uncertainty;

import io.nexus.engine.Channel;
import java.io.Serializable;

/**
 * One channel's point estimate under one model with its bootstrap intervals.
 *
 * @param channel the channel
 * @param conversions the attributed conversions of the point estimate (the model fitted on the data as it is)
 * @param conversionsInterval the percentile interval of the attributed conversions over the replicates
 * @param value the attributed value of the point estimate
 * @param valueInterval the percentile interval of the attributed value over the replicates
 * @param rankChangeShare the share of replicates in which the channel's rank among the model's channels (by
 *     attributed value, then conversions, then name) differs from its rank in the point estimate, from 0 to 1
 */
public record ChannelInterval(Channel channel, double conversions, Interval conversionsInterval, double value,
    Interval valueInterval, double rankChangeShare) implements Serializable {}
