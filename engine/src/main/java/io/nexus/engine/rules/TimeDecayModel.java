package io.nexus.engine.rules;

import io.nexus.engine.JourneyBatch;
import io.nexus.engine.ModelSpec;

/**
 * Credit that halves for every half-life between a touch and the conversion it is credited for: weight
 * {@code 2^(-Δ/h)}, normalised. Each conversion is measured from its own time; without one (a null path) from the
 * path's last touch.
 */
final class TimeDecayModel extends RuleModel {
  private static final long serialVersionUID = 1L;
  private static final double MILLIS_PER_DAY = 86_400_000.0;

  private final double halfLifeDays;

  TimeDecayModel(ModelSpec spec, double halfLifeDays) {
    super(spec);
    this.halfLifeDays = halfLifeDays;
  }

  @Override
  public boolean needsTimes() {
    return true;
  }

  @Override
  public void pathShares(JourneyBatch batch, int row, int n, long conversionTime, double[] out) {
    int from = batch.start(row);
    if (!batch.hasTimes()) {
      throw new IllegalArgumentException("time_decay needs touch times; path files have none");
    }
    long reference = conversionTime;
    if (reference == JourneyBatch.NO_TIME) {
      reference = batch.time(from + n - 1);
    }
    // Weights are taken relative to the touch nearest the conversion so that very old journeys do not underflow
    // to all-zero weights; the normalisation cancels the common factor.
    double nearest = Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      nearest = Math.min(nearest, age(reference, batch.time(from + i)));
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double w = Math.pow(2, -(age(reference, batch.time(from + i)) - nearest) / halfLifeDays);
      out[i] = w;
      sum += w;
    }
    for (int i = 0; i < n; i++) {
      out[i] /= sum;
    }
  }

  private static double age(long reference, long touch) {
    return Math.max(0, reference - touch) / MILLIS_PER_DAY;
  }
}
