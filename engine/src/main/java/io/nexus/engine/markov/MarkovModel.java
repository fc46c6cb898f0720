package io.nexus.engine.markov;

import io.nexus.engine.AttributionModel;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.FittedModel;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.TrainingStatistics;

/** The removal-effect Markov chain model of order 1 to 4, configured and ready to fit. */
final class MarkovModel implements AttributionModel {
  private final ModelSpec spec;
  private final int order;

  MarkovModel(ModelSpec spec, int order) {
    this.spec = spec;
    this.order = order;
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public boolean dataDriven() {
    return true;
  }

  @Override
  public TrainingStatistics newStatistics(ChannelDictionary channels) {
    return new MarkovStatistics(order, channels);
  }

  @Override
  public FittedModel fit(TrainingStatistics statistics) {
    if (!(statistics instanceof MarkovStatistics markov) || markov.order != order) {
      throw new IllegalArgumentException("expected order-" + order + " Markov statistics");
    }
    return MarkovSolver.solve(spec, markov);
  }

  @Override
  public String toString() {
    return spec.label();
  }
}
