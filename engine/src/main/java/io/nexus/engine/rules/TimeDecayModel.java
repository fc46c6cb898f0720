package io.nexus.engine.rules;

import io.nexus.engine.ModelSpec;
import io.nexus.engine.batch.JourneyBatch;

/**
 * Credit that halves for every half-life between a touch and the conversion: weight {@code 2^(-Δ/h)}, normalised.
 * Touches after the conversion time count as Δ = 0.
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
  public void touchShares(JourneyBatch batch, int row, double[] out) {
    int from = batch.start(row);
    int n = batch.length(row);
    if (n == 0) {
      return;
    }
    if (!batch.hasTimes()) {
      throw new IllegalArgumentException("time_decay needs touch times; path files have none");
    }
    long reference = batch.conversionTime(row);
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
