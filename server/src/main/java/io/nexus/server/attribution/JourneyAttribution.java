package io.nexus.server.attribution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A journey's credits per channel under one model; immutable.
 *
 * @param journeyId the journey
 * @param modelId the model
 * @param modelName the model's name
 * @param modelType the model's type
 * @param conversionValue the journey's conversion value
 * @param conversions how many conversions the journey has
 * @param additive whether the credits add up to the journey (false for participation)
 * @param cached whether this answer came from the cache
 * @param calculatedAt when it was calculated
 * @param attributions one entry per channel on the journey, in order of first touch
 */
public record JourneyAttribution(
    long journeyId,
    long modelId,
    String modelName,
    String modelType,
    BigDecimal conversionValue,
    int conversions,
    boolean additive,
    boolean cached,
    Instant calculatedAt,
    List<ChannelCreditView> attributions) {

  public JourneyAttribution {
    attributions = List.copyOf(attributions);
  }

  /** The same answer, marked as coming from the cache. */
  public JourneyAttribution fromCache() {
    return new JourneyAttribution(journeyId, modelId, modelName, modelType, conversionValue, conversions, additive,
        true, calculatedAt, attributions);
  }
}
