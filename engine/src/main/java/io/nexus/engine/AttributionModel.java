package io.nexus.engine;


/**
 * An attribution model as configured, able to learn from journeys and produce a {@link FittedModel}; implementations
 * are immutable and thread-safe.
 *
 * <p>Rule-based models learn nothing: their statistics are empty and fitting returns the rule itself. Data-driven
 * models learn in two phases so that the counting can be spread over many machines: {@link #newStatistics} counts what
 * the model needs (transition counts, channel-set or path conversion rates), partial counts are
 * {@linkplain TrainingStatistics#merge merged}, and {@link #fit(TrainingStatistics)} solves the model once.
 */
public interface AttributionModel {

  /** The model type and parameters this model was built from. */
  ModelSpec spec();

  /** Whether the model learns from many journeys (Markov, Shapley, counterfactual) rather than applying a rule. */
  default boolean dataDriven() {
    return false;
  }

  /** Whether the model needs touch and conversion times, which path files do not have. */
  default boolean needsTimes() {
    return false;
  }

  /** Empty statistics for this model over channels named by {@code channels}. */
  TrainingStatistics newStatistics(ChannelDictionary channels);

  /** The model fitted on statistics made by {@link #newStatistics}. */
  FittedModel fit(TrainingStatistics statistics);

  /** The model fitted on every row of {@code batch}, converting or not. */
  default FittedModel fit(JourneyBatch batch) {
    TrainingStatistics statistics = newStatistics(batch.channels());
    statistics.addAll(batch);
    return fit(statistics);
  }
}
