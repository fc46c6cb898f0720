package io.nexus.engine.markov;

import io.nexus.engine.Channel;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.ChannelTotals.ChannelTotal;
import io.nexus.engine.DecimalText;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.internal.IntSequenceMap;
import java.util.ArrayList;
import java.util.Arrays;
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

    AbsorbingChain chain = chain(stats);
    int[][] channelStates = channelStates(states, channelCount);
    double[][] solved = chain.removals(channelStates, n <= AbsorbingChain.DENSE_LIMIT);
    double p = solved[0][0];
    double v = solved[1][0];
    boolean[] present = new boolean[channelCount];
    double[] conversionEffect = new double[channelCount];
    double[] valueEffect = new double[channelCount];
    for (int c = 0; c < channelCount; c++) {
      present[c] = channelStates[c] != null;
      if (present[c]) {
        conversionEffect[c] = effect(p, solved[0][1 + c]);
        valueEffect[c] = effect(v, solved[1][1 + c]);
      }
    }

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
        transitions(stats, chain, outWeight(stats)),
        new ChannelTotals(spec.label(), totals, notes));
  }

  /** The chain of the statistics: transition probabilities, absorption, rewards and the start distribution. */
  static AbsorbingChain chain(MarkovStatistics stats) {
    int n = stats.states.size();
    double[] outWeight = outWeight(stats);
    int[] rowCount = new int[n];
    for (int t = 0; t < stats.transitions.size(); t++) {
      rowCount[LongIndex.first(stats.transitions.key(t))]++;
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
    double[] exit = new double[n];
    double[] conversionReward = new double[n];
    double[] valueReward = new double[n];
    for (int s = 0; s < n; s++) {
      start[s] = startTotal > 0 ? stats.startWeight[s] / startTotal : 0;
      exit[s] = outWeight[s] > 0 ? (stats.conversionCount[s] + stats.nullCount[s]) / outWeight[s] : 1;
      conversionReward[s] = outWeight[s] > 0 ? stats.conversionCount[s] / outWeight[s] : 0;
      valueReward[s] = outWeight[s] > 0 ? stats.conversionValue[s] / outWeight[s] : 0;
    }
    return new AbsorbingChain(n, rowStart, column, probability, exit, conversionReward, valueReward, start);
  }

  /** Each state's total outgoing weight: its transitions, conversions and nulls. */
  private static double[] outWeight(MarkovStatistics stats) {
    int n = stats.states.size();
    double[] outWeight = new double[n];
    for (int t = 0; t < stats.transitions.size(); t++) {
      outWeight[LongIndex.first(stats.transitions.key(t))] += stats.transitionWeight[t];
    }
    for (int s = 0; s < n; s++) {
      outWeight[s] += stats.conversionCount[s] + stats.nullCount[s];
    }
    return outWeight;
  }

  private static double effect(double full, double without) {
    if (!(full > 0)) {
      return 0;
    }
    double effect = 1 - without / full;
    return Math.min(1, Math.max(0, effect));
  }

  /** The states holding each channel, in state order; null for a channel in none. */
  static int[][] channelStates(IntSequenceMap states, int channelCount) {
    int[] count = new int[channelCount];
    int[] last = new int[channelCount];
    Arrays.fill(last, -1);
    for (int s = 0; s < states.size(); s++) {
      for (int i = 0; i < states.length(s); i++) {
        int c = states.get(s, i);
        if (last[c] != s) {
          last[c] = s;
          count[c]++;
        }
      }
    }
    int[][] result = new int[channelCount][];
    Arrays.fill(last, -1);
    for (int s = 0; s < states.size(); s++) {
      for (int i = 0; i < states.length(s); i++) {
        int c = states.get(s, i);
        if (last[c] != s) {
          last[c] = s;
          if (result[c] == null) {
            result[c] = new int[count[c]];
            count[c] = 0;
          }
          result[c][count[c]++] = s;
        }
      }
    }
    return result;
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

  private static List<MarkovFit.Transition> transitions(MarkovStatistics stats, AbsorbingChain chain,
      double[] outWeight) {
    int n = chain.n;
    int[] rowStart = chain.rowStart;
    int[] column = chain.column;
    double[] probability = chain.probability;
    double[] start = chain.start;
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
