package io.nexus.server.attribution.internal;

import io.nexus.engine.AttributionModel;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.FittedModel;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.JourneyId;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.TrainingStatistics;
import java.util.Map;

/**
 * The AI model's answers for many journeys as one fit the engine credits a batch with: each row gets the touch
 * shares its journey's answer gave ({@link GivenShares}), looked up by journey id, so that a bootstrap replicate,
 * which re-weights rows and keeps their ids, credits every journey as its answer did.
 *
 * @param byJourney each journey's answer
 */
record AnsweredShares(Map<JourneyId, GivenShares> byJourney) implements FittedModel {
  private static final long serialVersionUID = 1L;

  AnsweredShares {
    byJourney = Map.copyOf(byJourney);
  }

  @Override
  public ModelSpec spec() {
    return GivenShares.SPEC;
  }

  @Override
  public void pathShares(JourneyBatch batch, int row, int touches, long conversionTime, double[] out) {
    GivenShares answer = byJourney.get(batch.journeyId(row));
    if (answer == null) {
      throw new IllegalArgumentException("no AI answer for journey " + batch.journeyId(row));
    }
    answer.pathShares(batch, row, touches, conversionTime, out);
  }

  /**
   * The answers as a model that learns nothing: the bootstrap keeps them in every replicate, as it keeps a rule,
   * since a journey's answer does not depend on the other journeys drawn.
   */
  AttributionModel asModel() {
    FittedModel fit = this;
    return new AttributionModel() {
      @Override
      public ModelSpec spec() {
        return fit.spec();
      }

      @Override
      public TrainingStatistics newStatistics(ChannelDictionary channels) {
        return TrainingStatistics.none();
      }

      @Override
      public FittedModel fit(TrainingStatistics statistics) {
        return fit;
      }
    };
  }
}
