package io.nexus.engine.markov;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.internal.RowChannels;
import java.util.List;

/**
 * A solved Markov chain. A journey's credit goes to its channels in proportion to their removal effects (equally when
 * none of them has one); a channel's touches share its credit. Channel totals are the sums of these journey credits,
 * as for every model; ChannelAttribution's whole-chain split is kept apart ({@link #chainTotals}).
 */
final class MarkovChainFit implements MarkovFit {
  private static final long serialVersionUID = 1L;

  private final ModelSpec spec;
  private final int order;
  private final ChannelDictionary channels;
  private final double conversionProbability;
  private final double expectedValue;
  private final double[] effectByChannel;
  private final List<RemovalEffect> removalEffects;
  private final List<Transition> transitions;
  private final ChannelTotals totals;

  MarkovChainFit(ModelSpec spec, int order, ChannelDictionary channels, double conversionProbability,
      double expectedValue, double[] effectByChannel, List<RemovalEffect> removalEffects, List<Transition> transitions,
      ChannelTotals totals) {
    this.spec = spec;
    this.order = order;
    this.channels = channels;
    this.conversionProbability = conversionProbability;
    this.expectedValue = expectedValue;
    this.effectByChannel = effectByChannel;
    this.removalEffects = List.copyOf(removalEffects);
    this.transitions = List.copyOf(transitions);
    this.totals = totals;
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
  public int order() {
    return order;
  }

  @Override
  public double conversionProbability() {
    return conversionProbability;
  }

  @Override
  public double expectedValue() {
    return expectedValue;
  }

  @Override
  public List<RemovalEffect> removalEffects() {
    return removalEffects;
  }

  @Override
  public List<Transition> transitions() {
    return transitions;
  }

  @Override
  public ChannelTotals chainTotals() {
    return totals;
  }

  @Override
  public List<String> notes() {
    return totals.notes();
  }

  @Override
  public void pathShares(JourneyBatch batch, int row, int n, long conversionTime, double[] out) {
    int from = batch.start(row);
    RowChannels present = RowChannels.of(batch, row, n);
    double sum = 0;
    for (int k = 0; k < present.size(); k++) {
      sum += effect(present.channel(k));
    }
    for (int i = 0; i < n; i++) {
      int channel = batch.channel(from + i);
      double share = sum > 0 ? effect(channel) / sum : 1.0 / present.size();
      out[i] = share / present.count(channel);
    }
  }

  private double effect(int channel) {
    return channel < effectByChannel.length ? effectByChannel[channel] : 0;
  }

  @Override
  public String toString() {
    return spec.label();
  }
}
