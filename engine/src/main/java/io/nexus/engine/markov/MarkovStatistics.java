package io.nexus.engine.markov;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.TrainingStatistics;
import io.nexus.engine.internal.IntSequenceMap;
import java.util.Arrays;

/**
 * Transition counts of the order-k chain, with ChannelAttribution's conventions: a state is a window of {@code order}
 * consecutive channels (a shorter path is one shorter state), consecutive identical states merge, every step of a row
 * weighs its conversions plus nulls, and the last state goes to conversion by conversions and to null by nulls.
 */
final class MarkovStatistics implements TrainingStatistics {
  private static final long serialVersionUID = 1L;
  static final int START = -1;

  final int order;
  final ChannelDictionary channels;
  final IntSequenceMap states = new IntSequenceMap();
  final LongIndex transitions = new LongIndex();
  double[] transitionWeight = new double[64];
  double[] startWeight = new double[64];
  double[] conversionCount = new double[64];
  double[] conversionValue = new double[64];
  double[] nullCount = new double[64];
  double conversions;
  double value;
  double valueError;
  double nulls;
  double unattributedConversions;
  double unattributedValue;
  private int[] stateOfChannel = new int[0];
  private final int[] one = new int[1];

  MarkovStatistics(int order, ChannelDictionary channels) {
    this.order = order;
    this.channels = channels;
  }

  @Override
  public void add(JourneyBatch batch, int row) {
    for (int p = 0, paths = batch.paths(row); p < paths; p++) {
      add(batch, row, batch.pathLength(row, p), batch.pathConversions(row, p), batch.pathValue(row, p),
          batch.pathNulls(row, p));
    }
  }

  /** Counts the path of row {@code row}'s first {@code n} touches with its counts. */
  private void add(JourneyBatch batch, int row, int n, double rowConversions, double rowValue, double rowNulls) {
    double weight = rowConversions + rowNulls;
    int from = batch.start(row);
    if (n == 0) {
      unattributedConversions += rowConversions;
      unattributedValue += rowValue;
      return;
    }
    if (weight == 0) {
      return;
    }
    int previous = START;
    if (order == 1) {
      for (int i = from, end = from + n; i < end; i++) {
        int state = singleState(batch.channel(i));
        if (state != previous) {
          step(previous, state, weight);
          previous = state;
        }
      }
    } else if (n < order) {
      previous = windowState(batch, from, from + n);
      step(START, previous, weight);
    } else {
      for (int i = from, last = from + n - order; i <= last; i++) {
        int state = windowState(batch, i, i + order);
        if (state != previous) {
          step(previous, state, weight);
          previous = state;
        }
      }
    }
    conversionCount[previous] += rowConversions;
    conversionValue[previous] += rowValue;
    nullCount[previous] += rowNulls;
    conversions += rowConversions;
    addValue(rowValue);
    nulls += rowNulls;
  }

  /** Adds to the total value with Neumaier compensation, so that a million order values sum like decimals. */
  private void addValue(double x) {
    double t = value + x;
    valueError += Math.abs(value) >= Math.abs(x) ? (value - t) + x : (x - t) + value;
    value = t;
  }

  /** The total conversion value of the counted rows. */
  double totalValue() {
    return value + valueError;
  }

  private int singleState(int channel) {
    if (channel >= stateOfChannel.length) {
      int old = stateOfChannel.length;
      stateOfChannel = Arrays.copyOf(stateOfChannel, Math.max(channel + 1, old * 2));
      Arrays.fill(stateOfChannel, old, stateOfChannel.length, -1);
    }
    int state = stateOfChannel[channel];
    if (state < 0) {
      one[0] = channel;
      state = newState(one, 0, 1);
      stateOfChannel[channel] = state;
    }
    return state;
  }

  private int[] window = new int[8];

  private int windowState(JourneyBatch batch, int from, int to) {
    int length = to - from;
    for (int i = 0; i < length; i++) {
      window[i] = batch.channel(from + i);
    }
    return newState(window, 0, length);
  }

  private int newState(int[] key, int from, int to) {
    int before = states.size();
    int state = states.add(key, from, to);
    if (state == before && state >= startWeight.length) {
      int capacity = startWeight.length * 2;
      startWeight = Arrays.copyOf(startWeight, capacity);
      conversionCount = Arrays.copyOf(conversionCount, capacity);
      conversionValue = Arrays.copyOf(conversionValue, capacity);
      nullCount = Arrays.copyOf(nullCount, capacity);
    }
    return state;
  }

  private void step(int from, int to, double weight) {
    if (from == START) {
      startWeight[to] += weight;
      return;
    }
    int before = transitions.size();
    int id = transitions.add(LongIndex.pair(from, to));
    if (id == before && id >= transitionWeight.length) {
      transitionWeight = Arrays.copyOf(transitionWeight, transitionWeight.length * 2);
    }
    transitionWeight[id] += weight;
  }

  @Override
  public void merge(TrainingStatistics other) {
    if (!(other instanceof MarkovStatistics o) || o.order != order) {
      throw new IllegalArgumentException("cannot merge " + other.getClass().getSimpleName()
          + " into order-" + order + " Markov statistics");
    }
    int[] mapped = new int[o.states.size()];
    for (int s = 0; s < mapped.length; s++) {
      int[] key = o.states.key(s);
      mapped[s] = newState(key, 0, key.length);
      startWeight[mapped[s]] += o.startWeight[s];
      conversionCount[mapped[s]] += o.conversionCount[s];
      conversionValue[mapped[s]] += o.conversionValue[s];
      nullCount[mapped[s]] += o.nullCount[s];
    }
    for (int t = 0; t < o.transitions.size(); t++) {
      long pair = o.transitions.key(t);
      step(mapped[LongIndex.first(pair)], mapped[LongIndex.second(pair)], o.transitionWeight[t]);
    }
    conversions += o.conversions;
    addValue(o.value);
    addValue(o.valueError);
    nulls += o.nulls;
    unattributedConversions += o.unattributedConversions;
    unattributedValue += o.unattributedValue;
    if (order == 1) {
      stateOfChannel = new int[0];
    }
  }
}
