package io.nexus.server.attribution.internal;

import io.nexus.engine.FittedModel;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.ModelSpec;
import java.util.Arrays;
import java.util.Map;

/**
 * One journey's touch shares as the AI model gave them, in the engine's touch order, as a fit the engine credits
 * like any other: a conversion's credit goes to the touches before it in proportion to their shares, so channel
 * sums, values and conversions come out exactly as for the engine's models.
 */
record GivenShares(double[] shares) implements FittedModel {
  private static final long serialVersionUID = 1L;
  static final ModelSpec SPEC = new ModelSpec("data_driven", Map.of());

  @Override
  public ModelSpec spec() {
    return SPEC;
  }

  @Override
  public void pathShares(JourneyBatch batch, int row, int touches, long conversionTime, double[] out) {
    double sum = 0;
    for (int i = 0; i < touches; i++) {
      sum += shares[i];
    }
    for (int i = 0; i < touches; i++) {
      // A conversion before every touch the model weighed (an earlier conversion of the journey): equal shares,
      // since the model gave those touches nothing to tell them apart.
      out[i] = sum > 0 ? shares[i] / sum : 1.0 / touches;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GivenShares given && Arrays.equals(shares, given.shares);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(shares);
  }

  @Override
  public String toString() {
    return "GivenShares" + Arrays.toString(shares);
  }
}
