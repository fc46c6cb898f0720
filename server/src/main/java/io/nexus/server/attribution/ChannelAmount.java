package io.nexus.server.attribution;

import java.math.BigDecimal;

/**
 * What one model credits to one channel over many journeys; immutable.
 *
 * @param channelId the channel
 * @param revenue the revenue credited
 * @param conversions the conversions credited
 * @param journeys how many converting journeys the channel appears on
 */
public record ChannelAmount(long channelId, BigDecimal revenue, double conversions, long journeys) {}
