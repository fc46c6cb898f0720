package io.nexus.engine.markov;


/** Builds the absorbing chain of some statistics the way the solver does, to compare the two solve methods. */
final class AbsorbingChainProbe {
  private final AbsorbingChain chain;
  private final double[] r1;
  private final double[] r2;

  AbsorbingChainProbe(MarkovStatistics stats) {
    int n = stats.states.size();
    double[] out = new double[n];
    int[] count = new int[n];
    for (int t = 0; t < stats.transitions.size(); t++) {
      int from = LongIndex.first(stats.transitions.key(t));
      out[from] += stats.transitionWeight[t];
      count[from]++;
    }
    int[] rowStart = new int[n + 1];
    for (int s = 0; s < n; s++) {
      out[s] += stats.conversionCount[s] + stats.nullCount[s];
      rowStart[s + 1] = rowStart[s] + count[s];
    }
    int[] fill = rowStart.clone();
    int[] column = new int[rowStart[n]];
    double[] probability = new double[rowStart[n]];
    for (int t = 0; t < stats.transitions.size(); t++) {
      long pair = stats.transitions.key(t);
      int k = fill[LongIndex.first(pair)]++;
      column[k] = LongIndex.second(pair);
      probability[k] = stats.transitionWeight[t] / out[LongIndex.first(pair)];
    }
    r1 = new double[n];
    r2 = new double[n];
    double[] start = new double[n];
    for (int s = 0; s < n; s++) {
      r1[s] = stats.conversionCount[s] / out[s];
      r2[s] = stats.conversionValue[s] / out[s];
      start[s] = stats.startWeight[s];
    }
    chain = new AbsorbingChain(n, rowStart, column, probability, start);
  }

  double[][] solve(boolean dense) {
    double[] x1 = new double[chain.size()];
    double[] x2 = new double[chain.size()];
    if (dense) {
      chain.solveDense(r1, r2, null, x1, x2);
    } else {
      chain.solveIteratively(r1, r2, null, x1, x2);
    }
    return new double[][] {x1, x2};
  }
}
