package io.nexus.server.attribution;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.nexus.server.ai.AiUsage;
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
 * @param reasoning the AI model's explanation of its weights (data-driven model only)
 * @param ai the AI call's model, tokens, latency and whether its answer was stored before (data-driven model only)
 * @param fallback the data-driven model this answer stands in for, and why (fallback answers only)
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
    List<ChannelCreditView> attributions,
    @JsonInclude(Include.NON_NULL) String reasoning,
    @JsonInclude(Include.NON_NULL) AiUsage ai,
    @JsonInclude(Include.NON_NULL) AiFallback fallback) {

  public JourneyAttribution {
    attributions = List.copyOf(attributions);
  }

  /** An engine model's answer, without AI metadata. */
  public JourneyAttribution(long journeyId, long modelId, String modelName, String modelType,
      BigDecimal conversionValue, int conversions, int uncreditedConversions, BigDecimal uncreditedValue,
      boolean additive, boolean cached, Instant calculatedAt, List<ChannelCreditView> attributions) {
    this(journeyId, modelId, modelName, modelType, conversionValue, conversions, uncreditedConversions,
        uncreditedValue, additive, cached, calculatedAt, attributions, null, null, null);
  }

  /** The same answer with the AI model's explanation and call metadata. */
  public JourneyAttribution withAi(String explanation, AiUsage usage) {
    return new JourneyAttribution(journeyId, modelId, modelName, modelType, conversionValue, conversions,
        uncreditedConversions, uncreditedValue, additive, cached, calculatedAt, attributions, explanation, usage,
        fallback);
  }

  /** The same answer, standing in for the data-driven model as {@code standIn} says. */
  public JourneyAttribution withFallback(AiFallback standIn) {
    return new JourneyAttribution(journeyId, modelId, modelName, modelType, conversionValue, conversions,
        uncreditedConversions, uncreditedValue, additive, cached, calculatedAt, attributions, reasoning, ai,
        standIn);
  }

  /** The same answer, marked as coming from the cache. */
  public JourneyAttribution fromCache() {
    return new JourneyAttribution(journeyId, modelId, modelName, modelType, conversionValue, conversions,
        uncreditedConversions, uncreditedValue, additive, true, calculatedAt, attributions, reasoning, ai, fallback);
  }
}
