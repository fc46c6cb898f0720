package io.nexus.engine.shapley;

import io.nexus.engine.internal.IntSequenceMap;
import java.io.Serializable;
import java.util.Arrays;

/** Conversions, value and nulls per int-sequence key (a channel set or an exact path). */
final class CountsByKey implements Serializable {
  private static final long serialVersionUID = 1L;

  final IntSequenceMap keys = new IntSequenceMap();
  double[] conversions = new double[64];
  double[] value = new double[64];
  double[] nulls = new double[64];
  double unattributedConversions;

  void add(int[] key, int from, int to, double rowConversions, double rowValue, double rowNulls) {
    int before = keys.size();
    int id = keys.add(key, from, to);
    if (id == before && id >= conversions.length) {
      int capacity = conversions.length * 2;
      conversions = Arrays.copyOf(conversions, capacity);
      value = Arrays.copyOf(value, capacity);
      nulls = Arrays.copyOf(nulls, capacity);
    }
    conversions[id] += rowConversions;
    value[id] += rowValue;
    nulls[id] += rowNulls;
  }

  void merge(CountsByKey other) {
    for (int id = 0; id < other.keys.size(); id++) {
      int[] key = other.keys.key(id);
      add(key, 0, key.length, other.conversions[id], other.value[id], other.nulls[id]);
    }
    unattributedConversions += other.unattributedConversions;
  }

  /** The conversion rate of every key: conversions / (conversions + nulls), 0 when neither. */
  double[] rates() {
    double[] rates = new double[keys.size()];
    for (int id = 0; id < rates.length; id++) {
      double total = conversions[id] + nulls[id];
      rates[id] = total > 0 ? conversions[id] / total : 0;
    }
    return rates;
  }
}
