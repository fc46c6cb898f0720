package io.nexus.server.attribution;

import java.math.BigDecimal;

/**
 * The bootstrap interval of what one model credits to one channel over many journeys (see
 * {@link AttributionIntervals#channelIntervals}); immutable.
 *
 * @param channelId the channel
 * @param revenueLow the low end of the credited revenue's interval, to the cent
 * @param revenueHigh its high end
 * @param conversionsLow the low end of the credited conversions' interval
 * @param conversionsHigh its high end
 * @param rankChangeShare the share of replicates in which the channel's rank among the model's channels changed
 */
public record AmountInterval(long channelId, BigDecimal revenueLow, BigDecimal revenueHigh, double conversionsLow,
    double conversionsHigh, double rankChangeShare) {}
