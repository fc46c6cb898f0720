package io.nexus.spark;

import io.nexus.engine.Channel;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.ChannelTotals.ChannelTotal;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Per model and channel, the attributed conversions and value summed over many batches with Neumaier compensation, so
 * that the order in which a cluster adds partial sums does not show in the digits that matter. Model-sized; mutable,
 * confined to one task or the driver.
 */
final class ChannelSums implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[][] conversions;
  private final double[][] conversionsError;
  private final double[][] values;
  private final double[][] valuesError;

  ChannelSums(int models, int channels) {
    conversions = new double[models][channels];
    conversionsError = new double[models][channels];
    values = new double[models][channels];
    valuesError = new double[models][channels];
  }

  /** Adds one batch's totals of model {@code model}, channels numbered by {@code channels}' ids. */
  void add(int model, ChannelTotals totals, ChannelDictionary channels) {
    for (ChannelTotal total : totals.channels()) {
      int c = channels.find(total.channel());
      add(conversions[model], conversionsError[model], c, total.conversions());
      add(values[model], valuesError[model], c, total.value());
    }
  }

  ChannelSums merge(ChannelSums other) {
    for (int m = 0; m < conversions.length; m++) {
      for (int c = 0; c < conversions[m].length; c++) {
        add(conversions[m], conversionsError[m], c, other.conversions[m][c]);
        add(conversions[m], conversionsError[m], c, other.conversionsError[m][c]);
        add(values[m], valuesError[m], c, other.values[m][c]);
        add(values[m], valuesError[m], c, other.valuesError[m][c]);
      }
    }
    return this;
  }

  private static void add(double[] sums, double[] errors, int i, double x) {
    double sum = sums[i];
    double t = sum + x;
    errors[i] += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
    sums[i] = t;
  }

  /** Model {@code model}'s totals for every channel of {@code channels}, in channel-name order. */
  ChannelTotals totals(int model, String label, ChannelDictionary channels, List<String> notes) {
    List<ChannelTotal> totals = new ArrayList<>();
    for (Channel channel : sorted(channels)) {
      int c = channels.find(channel);
      totals.add(new ChannelTotal(channel, conversions[model][c] + conversionsError[model][c],
          values[model][c] + valuesError[model][c]));
    }
    return new ChannelTotals(label, totals, notes);
  }

  /** The channels of {@code channels} in the order of channel listings: by name. */
  static List<Channel> sorted(ChannelDictionary channels) {
    List<Channel> sorted = new ArrayList<>(channels.channels());
    sorted.sort(null);
    return sorted;
  }
}
