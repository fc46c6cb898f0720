package io.nexus.server.attribution.internal;

import io.nexus.engine.ChannelCredit;
import io.nexus.engine.Conversion;
import io.nexus.engine.JourneyCredits;
import io.nexus.server.attribution.ChannelCreditView;
import io.nexus.server.attribution.JourneyAttribution;
import io.nexus.server.channel.Channel;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.StoredTouchpoint;
import io.nexus.server.model.ModelDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the engine's credits of a journey into the API's view, with channel names, costs, ROI and ROAS. */
final class CreditMapper {
  private CreditMapper() {}

  static JourneyAttribution map(JourneyDetail journey, ModelDefinition model, JourneyCredits credits,
      Map<Long, Channel> channels, Instant calculatedAt) {
    Map<Long, BigDecimal> costs = new HashMap<>();
    for (StoredTouchpoint t : journey.touchpoints()) {
      costs.merge(t.channelId(), t.cost(), BigDecimal::add);
    }
    List<ChannelCreditView> views = new ArrayList<>(credits.credits().size());
    for (ChannelCredit credit : credits.credits()) {
      long channelId = credit.channel().id();
      Channel channel = channels.get(channelId);
      BigDecimal cost = costs.getOrDefault(channelId, BigDecimal.ZERO);
      views.add(new ChannelCreditView(channelId, channel == null ? null : channel.name(), credit.credit(),
          credit.value(), credit.conversions(), cost, roi(credit.value(), cost), roas(credit.value(), cost),
          credit.touches()));
    }
    BigDecimal uncreditedValue = BigDecimal.ZERO;
    for (Conversion c : credits.uncredited()) {
      uncreditedValue = uncreditedValue.add(c.revenue());
    }
    return new JourneyAttribution(journey.journey().id(), model.id(), model.name(), model.modelType(),
        credits.value(), credits.conversions(), credits.uncredited().size(), uncreditedValue, credits.additive(),
        false, calculatedAt, views);
  }

  /** (revenue − cost) / cost × 100 to four places, or {@code null} when nothing was spent. */
  static BigDecimal roi(BigDecimal revenue, BigDecimal cost) {
    if (cost == null || cost.signum() == 0) {
      return null;
    }
    return revenue.subtract(cost).multiply(BigDecimal.valueOf(100)).divide(cost, 4, RoundingMode.HALF_UP);
  }

  /** revenue / cost to six places, or {@code null} when nothing was spent. */
  static BigDecimal roas(BigDecimal revenue, BigDecimal cost) {
    if (cost == null || cost.signum() == 0) {
      return null;
    }
    return revenue.divide(cost, 6, RoundingMode.HALF_UP);
  }
}
