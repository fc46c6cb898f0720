package io.nexus.engine;

import java.math.BigDecimal;
import java.util.List;

/**
 * A journey's credits per channel under one model; immutable and thread-safe.
 *
 * <p>Each conversion is credited from the touches at or before it. A conversion without such a touch is credited to
 * nobody: it is listed in {@code uncredited} and left out of {@code value} and {@code conversions}, so that the
 * credits always add up to what was credited.
 *
 * @param journeyId the journey
 * @param model the model label
 * @param credits one entry per channel on the journey, in order of first touch
 * @param touchShares each touch's share of the credited value, in touch order (0 for a touch after every conversion);
 *     with conversions at several times, each conversion weighs by its value (by one each when they have none)
 * @param additive whether the credits add up to the journey (false for participation)
 * @param value the value of the credited conversions, which the credits of an additive model add up to exactly
 * @param conversions how many conversions were credited
 * @param uncredited the conversions that had no touch at or before them, credited to nobody; usually empty
 */
public record JourneyCredits(
    JourneyId journeyId,
    String model,
    List<ChannelCredit> credits,
    List<Double> touchShares,
    boolean additive,
    BigDecimal value,
    int conversions,
    List<Conversion> uncredited) {

  public JourneyCredits {
    credits = List.copyOf(credits);
    touchShares = List.copyOf(touchShares);
    uncredited = List.copyOf(uncredited);
  }

  /** The credit of {@code channel}, or {@code null} when the channel is not on the journey. */
  public ChannelCredit get(Channel channel) {
    for (ChannelCredit credit : credits) {
      if (credit.channel().equals(channel)) {
        return credit;
      }
    }
    return null;
  }

  /** The credit of the channel {@linkplain Channel#named named} {@code name}, or {@code null}. */
  public ChannelCredit get(String name) {
    return get(Channel.named(name));
  }
}
