package io.nexus.engine.shapley;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.FittedModel;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.internal.IntSequenceMap;
import io.nexus.engine.internal.RowChannels;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shapley fractions per channel set. Sets seen converting in training are solved when fitting; any other set a
 * journey brings is solved on first use from the same conversion rates and remembered.
 */
final class ShapleyFit implements FittedModel {
  private static final long serialVersionUID = 1L;

  private final ModelSpec spec;
  private final ChannelDictionary channels;
  private final IntSequenceMap sets;
  private final double[] rates;
  private final double[][] fractionsBySet;
  private final int cap;
  private final int samples;
  private final long seed;
  private final List<String> notes;
  private transient volatile Map<SetKey, double[]> unseen;

  ShapleyFit(ModelSpec spec, ShapleyStatistics stats, int cap, int samples, long seed) {
    this.spec = spec;
    this.channels = stats.channels;
    this.sets = stats.sets.keys;
    this.rates = stats.sets.rates();
    this.cap = cap;
    this.samples = samples;
    this.seed = seed;
    this.fractionsBySet = new double[sets.size()][];
    int estimated = 0;
    for (int id = 0; id < sets.size(); id++) {
      if (stats.sets.conversions[id] > 0) {
        int[] players = sets.key(id);
        fractionsBySet[id] = ShapleyValues.fractions(players, sets, rates, cap, samples, seed);
        if (players.length > cap) {
          estimated++;
        }
      }
    }
    this.notes = estimated == 0 ? List.of() : List.of(estimated + " channel sets with more than " + cap
        + " channels were estimated from " + samples + " seeded random orderings each, not solved exactly");
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
  public List<String> notes() {
    return notes;
  }

  @Override
  public void pathShares(JourneyBatch batch, int row, int n, long conversionTime, double[] out) {
    int from = batch.start(row);
    RowChannels present = RowChannels.of(batch, row, n);
    int[] key = ChannelIdBuffer.ofLength(present.size());
    int m = present.sortedInto(key);
    double[] fractions = fractionsOf(key, m);
    for (int i = 0; i < n; i++) {
      int channel = batch.channel(from + i);
      int index = Arrays.binarySearch(key, 0, m, channel);
      out[i] = fractions[index] / present.count(channel);
    }
  }

  private double[] fractionsOf(int[] key, int m) {
    int id = sets.find(key, 0, m);
    if (id >= 0 && fractionsBySet[id] != null) {
      return fractionsBySet[id];
    }
    int[] players = Arrays.copyOf(key, m);
    Map<SetKey, double[]> cache = unseen;
    if (cache == null) {
      synchronized (this) {
        if (unseen == null) {
          unseen = new ConcurrentHashMap<>();
        }
        cache = unseen;
      }
    }
    return cache.computeIfAbsent(new SetKey(players),
        k -> ShapleyValues.fractions(players, sets, rates, cap, samples, seed));
  }

  /** A channel set as a map key. */
  private record SetKey(int[] channels) {
    @Override
    public boolean equals(Object o) {
      return o instanceof SetKey other && Arrays.equals(channels, other.channels);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(channels);
    }
  }

  @Override
  public String toString() {
    return spec.label();
  }
}
