package io.nexus.engine.rules;

import io.nexus.engine.AttributionModel;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.FittedModel;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.TrainingStatistics;

/** A rule-based model: it learns nothing, so it is its own fit. */
abstract class RuleModel implements AttributionModel, FittedModel {
  private static final long serialVersionUID = 1L;

  private final ModelSpec spec;

  RuleModel(ModelSpec spec) {
    this.spec = spec;
  }

  @Override
  public final ModelSpec spec() {
    return spec;
  }

  @Override
  public final TrainingStatistics newStatistics(ChannelDictionary channels) {
    return TrainingStatistics.none();
  }

  @Override
  public final FittedModel fit(TrainingStatistics statistics) {
    return this;
  }

  @Override
  public String toString() {
    return spec.label();
  }
}
