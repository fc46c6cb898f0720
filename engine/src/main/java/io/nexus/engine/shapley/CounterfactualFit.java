package io.nexus.engine.shapley;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.FittedModel;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.internal.IntSequenceMap;
import java.util.Arrays;

/**
 * Google fractribution's leave-one-out model: touch i earns {@code max(0, P(path) - P(path without touch i))} where P
 * is the conversion rate of that exact path (0 when unseen), normalised; when every touch earns nothing the last touch
 * takes the credit.
 */
final class CounterfactualFit implements FittedModel {
  private static final long serialVersionUID = 1L;

  private final ModelSpec spec;
  private final ChannelDictionary channels;
  private final IntSequenceMap paths;
  private final double[] rates;

  CounterfactualFit(ModelSpec spec, CounterfactualStatistics stats) {
    this.spec = spec;
    this.channels = stats.channels;
    this.paths = stats.paths.keys;
    this.rates = stats.paths.rates();
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public ChannelDictionary channels() {
    return channels;
  }

  @Override
  public void pathShares(JourneyBatch batch, int row, int n, long conversionTime, double[] out) {
    int[] path = ChannelIdBuffer.path(batch, row, n);
    int id = paths.find(path, 0, n);
    double rate = id < 0 ? 0 : rates[id];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      int without = n == 1 ? -1 : paths.findWithout(path, 0, n, i);
      double contribution = Math.max(0, rate - (without < 0 ? 0 : rates[without]));
      out[i] = contribution;
      sum += contribution;
    }
    if (sum > 0) {
      for (int i = 0; i < n; i++) {
        out[i] /= sum;
      }
    } else {
      Arrays.fill(out, 0, n, 0);
      out[n - 1] = 1;
    }
  }

  @Override
  public String toString() {
    return spec.label();
  }
}
