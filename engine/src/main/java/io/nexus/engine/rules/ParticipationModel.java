package io.nexus.engine.rules;

import io.nexus.engine.JourneyBatch;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.internal.RowChannels;

/**
 * Every channel on the journey gets the full conversion: a channel's touches share 1 between them. Not additive:
 * the credits of a journey sum to the number of its channels, so it answers "how many conversions did this channel
 * take part in", never "how much did it earn".
 */
final class ParticipationModel extends RuleModel {
  private static final long serialVersionUID = 1L;

  ParticipationModel(ModelSpec spec) {
    super(spec);
  }

  @Override
  public boolean additive() {
    return false;
  }

  @Override
  public void pathShares(JourneyBatch batch, int row, int n, long conversionTime, double[] out) {
    int from = batch.start(row);
    RowChannels channels = RowChannels.of(batch, row, n);
    for (int i = 0; i < n; i++) {
      out[i] = 1.0 / channels.count(batch.channel(from + i));
    }
  }
}
