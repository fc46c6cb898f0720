package io.nexus.server.attribution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A journey's credits per channel under one model; immutable.
 *
 * <p>Each conversion is credited to the touches at or before it. A conversion that no touch preceded is credited to
 * nobody: it is counted in {@code uncreditedConversions} and {@code uncreditedValue}, not in {@code conversionValue},
 * so that the attributions of an additive model add up to {@code conversionValue} exactly.
 *
 * @param journeyId the journey
 * @param modelId the model
 * @param modelName the model's name
 * @param modelType the model's type
 * @param conversionValue the value credited: the journey's conversion value less {@code uncreditedValue}
 * @param conversions how many conversions were credited
 * @param uncreditedConversions how many conversions had no touch at or before them, usually 0
 * @param uncreditedValue their value, usually 0
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
    int uncreditedConversions,
    BigDecimal uncreditedValue,
    boolean additive,
    boolean cached,
    Instant calculatedAt,
    List<ChannelCreditView> attributions) {

  public JourneyAttribution {
    attributions = List.copyOf(attributions);
  }

  /** The same answer, marked as coming from the cache. */
  public JourneyAttribution fromCache() {
    return new JourneyAttribution(journeyId, modelId, modelName, modelType, conversionValue, conversions,
        uncreditedConversions, uncreditedValue, additive, true, calculatedAt, attributions);
  }
}
