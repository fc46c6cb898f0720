package io.nexus.engine;

import java.math.BigDecimal;
import java.util.List;

/**
 * A journey's credits per channel under one model; immutable and thread-safe.
 *
 * @param journeyId the journey
 * @param model the model label
 * @param credits one entry per channel on the journey, in order of first touch
 * @param touchShares each touch's share of the conversion, in touch order
 * @param additive whether the credits add up to the journey (false for participation)
 * @param value the journey's conversion value
 */
public record JourneyCredits(
    String journeyId,
    String model,
    List<ChannelCredit> credits,
    List<Double> touchShares,
    boolean additive,
    BigDecimal value) {

  public JourneyCredits {
    credits = List.copyOf(credits);
    touchShares = List.copyOf(touchShares);
  }

  /** The credit of {@code channel}, or {@code null} when the channel is not on the journey. */
  public ChannelCredit get(String channel) {
    for (ChannelCredit credit : credits) {
      if (credit.channel().equals(channel)) {
        return credit;
      }
    }
    return null;
  }
}
