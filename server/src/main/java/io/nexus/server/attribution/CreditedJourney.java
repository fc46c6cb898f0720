package io.nexus.server.attribution;

import io.nexus.server.journey.JourneyDetail;
import java.util.List;

/**
 * A converting journey with what one model credits to each of its channels; immutable.
 *
 * @param journey the journey with its touchpoints and conversions
 * @param credits per channel on it: the revenue and conversions credited ({@code journeys} is 1)
 */
public record CreditedJourney(JourneyDetail journey, List<ChannelAmount> credits) {
  public CreditedJourney {
    credits = List.copyOf(credits);
  }
}
