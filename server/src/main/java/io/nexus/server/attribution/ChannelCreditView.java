package io.nexus.server.attribution;

import java.math.BigDecimal;

/**
 * One channel's share of one journey under one model, as the API shows and the database stores it; immutable.
 *
 * @param channelId the channel
 * @param channelName its name
 * @param credit the fraction of the journey credited to it (participation: 1 for every channel)
 * @param attributedRevenue the revenue credited, exact to the cent; an additive model's rows add up to the journey's
 *     conversion value
 * @param attributedConversions the conversions credited
 * @param channelCost what the journey's touches on the channel cost
 * @param roi (revenue − cost) / cost × 100, or {@code null} when the cost is zero
 * @param roas revenue / cost, or {@code null} when the cost is zero
 * @param touchpoints how many of the journey's touches are on the channel
 */
public record ChannelCreditView(
    long channelId,
    String channelName,
    double credit,
    BigDecimal attributedRevenue,
    double attributedConversions,
    BigDecimal channelCost,
    BigDecimal roi,
    BigDecimal roas,
    int touchpoints) {}
