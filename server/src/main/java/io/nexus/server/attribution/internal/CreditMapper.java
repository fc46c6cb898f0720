package io.nexus.server.attribution.internal;

import io.nexus.engine.ChannelCredit;
import io.nexus.engine.Conversion;
import io.nexus.engine.JourneyCredits;
import io.nexus.engine.ReturnOnSpend;
import io.nexus.server.attribution.ChannelCreditView;
import io.nexus.server.attribution.JourneyAttribution;
import io.nexus.server.channel.Channel;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.model.ModelDefinition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the engine's credits of a journey into the API's view and stored rows, with channel names; each channel's
 * cost, ROI and ROAS are the engine's ({@link ChannelCredit#returnOnSpend}).
 */
final class CreditMapper {
  private CreditMapper() {}

  static JourneyAttribution map(JourneyDetail journey, ModelDefinition model, JourneyCredits credits,
      Map<Long, Channel> channels, Instant calculatedAt) {
    return map(journey.journey().id(), model, credits, channels, calculatedAt);
  }

  /** The view of journey {@code journeyId}'s credits, whose engine channels carry catalogue ids. */
  static JourneyAttribution map(long journeyId, ModelDefinition model, JourneyCredits credits,
      Map<Long, Channel> channels, Instant calculatedAt) {
    List<ChannelCreditView> views = new ArrayList<>(credits.credits().size());
    for (ChannelCredit credit : credits.credits()) {
      long channelId = credit.channel().id();
      Channel channel = channels.get(channelId);
      ReturnOnSpend returned = credit.returnOnSpend();
      views.add(new ChannelCreditView(channelId, channel == null ? null : channel.name(), credit.credit(),
          credit.value(), credit.conversions(), credit.cost(), returned.roi(), returned.roas(), credit.touches()));
    }
    BigDecimal uncreditedValue = BigDecimal.ZERO;
    for (Conversion c : credits.uncredited()) {
      uncreditedValue = uncreditedValue.add(c.revenue());
    }
    return new JourneyAttribution(journeyId, model.id(), model.name(), model.modelType(),
        credits.value(), credits.conversions(), credits.uncredited().size(), uncreditedValue, credits.additive(),
        false, calculatedAt, views);
  }
}
