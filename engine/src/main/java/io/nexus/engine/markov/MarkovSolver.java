package io.nexus.engine.markov;

import io.nexus.engine.Channel;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.ChannelTotals.ChannelTotal;
import io.nexus.engine.DecimalText;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.internal.IntSequenceMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Turns transition counts into the exact chain, its removal effects and ChannelAttribution's channel totals. */
final class MarkovSolver {
  private MarkovSolver() {}

  static MarkovChainFit solve(ModelSpec spec, MarkovStatistics stats) {
    IntSequenceMap states = stats.states;
    int n = states.size();
    int channelCount = stats.channels.size();

    double[] outWeight = new double[n];
    int[] rowCount = new int[n];
    for (int t = 0; t < stats.transitions.size(); t++) {
      int from = LongIndex.first(stats.transitions.key(t));
      outWeight[from] += stats.transitionWeight[t];
      rowCount[from]++;
    }
    for (int s = 0; s < n; s++) {
      outWeight[s] += stats.conversionCount[s] + stats.nullCount[s];
    }
    int[] rowStart = new int[n + 1];
    for (int s = 0; s < n; s++) {
      rowStart[s + 1] = rowStart[s] + rowCount[s];
    }
    int[] fill = rowStart.clone();
    int[] column = new int[rowStart[n]];
    double[] probability = new double[rowStart[n]];
    for (int t = 0; t < stats.transitions.size(); t++) {
      long pair = stats.transitions.key(t);
      int from = LongIndex.first(pair);
      int k = fill[from]++;
      column[k] = LongIndex.second(pair);
      probability[k] = stats.transitionWeight[t] / outWeight[from];
    }
    sortRows(rowStart, column, probability);

    double startTotal = 0;
    for (int s = 0; s < n; s++) {
      startTotal += stats.startWeight[s];
    }
    double[] start = new double[n];
    double[] conversionReward = new double[n];
    double[] valueReward = new double[n];
    for (int s = 0; s < n; s++) {
      start[s] = startTotal > 0 ? stats.startWeight[s] / startTotal : 0;
      conversionReward[s] = outWeight[s] > 0 ? stats.conversionCount[s] / outWeight[s] : 0;
      valueReward[s] = outWeight[s] > 0 ? stats.conversionValue[s] / outWeight[s] : 0;
    }
    AbsorbingChain chain = new AbsorbingChain(n, rowStart, column, probability, start);

    double[] x1 = new double[n];
    double[] x2 = new double[n];
    chain.solve(conversionReward, valueReward, null, x1, x2);
    double p = dot(start, x1);
    double v = dot(start, x2);

    boolean[] present = new boolean[channelCount];
    for (int s = 0; s < n; s++) {
      for (int i = 0; i < states.length(s); i++) {
        present[states.get(s, i)] = true;
      }
    }
    double[] conversionEffect = new double[channelCount];
    double[] valueEffect = new double[channelCount];
    // Each removal is an independent solve of the same chain; two cores halve the wall time of orders 3 and 4.
    IntStream.range(0, channelCount).filter(c -> present[c]).parallel().forEach(c -> {
      boolean[] removed = new boolean[n];
      for (int s = 0; s < n; s++) {
        removed[s] = states.contains(s, c);
      }
      double[] y1 = new double[n];
      double[] y2 = new double[n];
      chain.solve(conversionReward, valueReward, removed, y1, y2);
      conversionEffect[c] = effect(p, dot(start, y1));
      valueEffect[c] = effect(v, dot(start, y2));
    });

    List<Integer> channels = new ArrayList<>();
    for (int c = 0; c < channelCount; c++) {
      if (present[c]) {
        channels.add(c);
      }
    }
    channels.sort(Comparator.comparing(stats.channels::channel));
    double effectSum = 0;
    double valueEffectSum = 0;
    for (int c : channels) {
      effectSum += conversionEffect[c];
      valueEffectSum += valueEffect[c];
    }
    List<ChannelTotal> totals = new ArrayList<>();
    List<MarkovFit.RemovalEffect> effects = new ArrayList<>();
    for (int c : channels) {
      Channel channel = stats.channels.channel(c);
      double conversions = effectSum > 0 ? stats.conversions * conversionEffect[c] / effectSum : 0;
      double value = valueEffectSum > 0 ? stats.totalValue() * valueEffect[c] / valueEffectSum : 0;
      totals.add(new ChannelTotal(channel, conversions, value));
      effects.add(new MarkovFit.RemovalEffect(channel, conversionEffect[c], valueEffect[c]));
    }
    List<String> notes = new ArrayList<>();
    if (stats.unattributedConversions > 0) {
      notes.add(DecimalText.plain(stats.unattributedConversions) + " conversions without touches were left unattributed");
    }
    return new MarkovChainFit(spec, stats.order, stats.channels, p, v, conversionEffect, effects,
        transitions(stats, n, rowStart, column, probability, start, outWeight),
        new ChannelTotals(spec.label(), totals, notes));
  }

  private static double effect(double full, double without) {
    if (!(full > 0)) {
      return 0;
    }
    double effect = 1 - without / full;
    return Math.min(1, Math.max(0, effect));
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void sortRows(int[] rowStart, int[] column, double[] probability) {
    for (int s = 0; s + 1 < rowStart.length; s++) {
      for (int i = rowStart[s] + 1; i < rowStart[s + 1]; i++) {
        int c = column[i];
        double pr = probability[i];
        int j = i - 1;
        while (j >= rowStart[s] && column[j] > c) {
          column[j + 1] = column[j];
          probability[j + 1] = probability[j];
          j--;
        }
        column[j + 1] = c;
        probability[j + 1] = pr;
      }
    }
  }

  private static List<MarkovFit.Transition> transitions(MarkovStatistics stats, int n, int[] rowStart, int[] column,
      double[] probability, double[] start, double[] outWeight) {
    String[] names = new String[n];
    for (int s = 0; s < n; s++) {
      StringBuilder name = new StringBuilder();
      for (int i = 0; i < stats.states.length(s); i++) {
        if (i > 0) {
          name.append('>');
        }
        name.append(stats.channels.name(stats.states.get(s, i)));
      }
      names[s] = name.toString();
    }
    List<MarkovFit.Transition> result = new ArrayList<>();
    Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparing(s -> names[s])).toArray(Integer[]::new);
    for (int s : order) {
      if (start[s] > 0) {
        result.add(new MarkovFit.Transition(MarkovFit.START, names[s], start[s]));
      }
    }
    for (int s : order) {
      List<MarkovFit.Transition> row = new ArrayList<>();
      for (int k = rowStart[s]; k < rowStart[s + 1]; k++) {
        row.add(new MarkovFit.Transition(names[s], names[column[k]], probability[k]));
      }
      row.sort(Comparator.comparing(MarkovFit.Transition::to));
      result.addAll(row);
      if (stats.conversionCount[s] > 0) {
        result.add(new MarkovFit.Transition(names[s], MarkovFit.CONVERSION, stats.conversionCount[s] / outWeight[s]));
      }
      if (stats.nullCount[s] > 0) {
        result.add(new MarkovFit.Transition(names[s], MarkovFit.NULL, stats.nullCount[s] / outWeight[s]));
      }
    }
    return result;
  }
}
