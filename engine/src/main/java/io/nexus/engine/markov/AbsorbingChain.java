package io.nexus.engine.markov;

import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The transient part of an absorbing Markov chain in compressed sparse rows with its absorption probabilities and
 * rewards, and the exact solve of its conversion probability and expected value from the start, whole and with each
 * channel's states sent to null.
 *
 * <p>Chains of up to {@value #DENSE_LIMIT} states are solved by dense LU decomposition with partial pivoting, one
 * decomposition per removal, as since the first version. When every channel owns one state (order 1, whatever the
 * number of channels), one sparse factorisation ({@link Elimination}) gives the absorption probabilities {@code h},
 * the start row {@code g} of the fundamental matrix {@code N} and its diagonal, and removing the channel of state
 * {@code s} takes {@code g(s) h(s) / N(s,s)} of the conversion probability: a thousand removals for the price of one
 * factorisation. Otherwise (orders 2 to 4) a few channels sweep ({@link GaussSeidel}: their windows form a core that
 * elimination would fill in); many channels are removed component by component ({@link BlockRemovals}): the loops'
 * blocks factored once, a channel's states in a block sent to null from the block's {@code N_TT}, when that is
 * estimated cheaper than sweeping (a few hundred channels at order 2 still sweep faster).
 */
final class AbsorbingChain {
  static final int DENSE_LIMIT = 100;
  /** The updates a block's factorisation for channels of several states may cost before they sweep instead. */
  private static final long FACTOR_BUDGET = 2_000_000_000L;
  /** Up to this many channels of several states, removals sweep without trying elimination. */
  private static final int SWEEP_CHANNELS = 64;
  /** How much more a sweep's update costs than one of the blocks' (measured), to compare the two estimates. */
  private static final double SWEEP_PENALTY = 4;

  final int n;
  final int[] rowStart;
  final int[] column;
  final double[] probability;
  /** The probability of leaving each state for conversion or null. */
  final double[] exit;
  final double[] conversionReward;
  final double[] valueReward;
  final double[] start;

  /**
   * @param n the number of transient states
   * @param rowStart CSR row pointers, {@code n + 1} entries
   * @param column the target state of each transition
   * @param probability the probability of each transition
   * @param exit the probability of each state's going to conversion or null
   * @param conversionReward the probability of each state's going to conversion
   * @param valueReward the expected conversion value of each state's next step
   * @param start the start distribution
   */
  AbsorbingChain(int n, int[] rowStart, int[] column, double[] probability, double[] exit, double[] conversionReward,
      double[] valueReward, double[] start) {
    this.n = n;
    this.rowStart = rowStart;
    this.column = column;
    this.probability = probability;
    this.exit = exit;
    this.conversionReward = conversionReward;
    this.valueReward = valueReward;
    this.start = start;
  }

  /**
   * Conversion probability and expected value from the start, whole ({@code [0]}) and without each channel
   * ({@code [1 + c]}, for the channels in {@code channelStates}; NaN for the others): {@code {P[], V[]}}.
   *
   * @param channelStates the states of each channel, {@code channelStates[c]} (null or empty: absent)
   */
  double[][] removals(int[][] channelStates, boolean dense) {
    int channels = channelStates.length;
    double[] p = new double[channels + 1];
    double[] v = new double[channels + 1];
    Arrays.fill(p, Double.NaN);
    Arrays.fill(v, Double.NaN);
    int[] present = IntStream.range(0, channels).filter(c -> present(channelStates[c])).toArray();
    boolean oneStateEach = Arrays.stream(present).allMatch(c -> channelStates[c].length == 1);
    if (dense) {
      solveEach(present, c -> denseStartValues(c < 0 ? null : removed(channelStates[c])), p, v);
    } else if (oneStateEach) {
      solveByCuts(channelStates, present, p, v);
    } else {
      // A few channels sweep fast (the windows of orders 3 and 4 over a dozen channels form a core that elimination
      // would fill in); more channels are cut from the factors of the chain's loops when that costs less than sweeping.
      // Both costs are rough multiplications; the blocks' columns are solved several at once on both cores, which
      // measured about four times cheaper per multiplication than the sweeps (docs/benchmarks.md).
      GaussSeidel sweeps = new GaussSeidel(this);
      BlockRemovals blocks = present.length <= SWEEP_CHANNELS ? null : BlockRemovals.prepare(this, channelStates,
          present, FACTOR_BUDGET, cost -> sweeps.convergesWithin(cost / (SWEEP_PENALTY * present.length)),
          Integer.MAX_VALUE);
      if (blocks != null) {
        solveEach(present, c -> c < 0 ? blocks.whole() : blocks.without(c), p, v);
      } else {
        solveEach(present, c -> sweeps.startValues(c < 0 ? null : removed(channelStates[c])), p, v);
      }
    }
    return new double[][] {p, v};
  }

  /** Every removal by a solve of its own, on both cores: {@code solve} takes a channel, or -1 for none removed. */
  private static void solveEach(int[] present, IntFunction<double[]> solve, double[] p, double[] v) {
    double[] whole = solve.apply(-1);
    p[0] = whole[0];
    v[0] = whole[1];
    Arrays.stream(present).parallel().forEach(c -> {
      double[] without = solve.apply(c);
      p[1 + c] = without[0];
      v[1 + c] = without[1];
    });
  }

  /**
   * Every channel owns one state {@code s}: removing it cuts the start's paths at their first visit to {@code s},
   * which takes {@code g(s) h(s) / N(s,s)} of the conversion probability, from one factorisation.
   */
  private void solveByCuts(int[][] channelStates, int[] present, double[] p, double[] v) {
    Factors factors = Elimination.factor(this);
    double[][] h = factors.absorption();
    double[] g = factors.visits(start);
    double[] diagonal = factors.inverseDiagonal();
    p[0] = dot(start, h[0]);
    v[0] = dot(start, h[1]);
    for (int c : present) {
      int s = channelStates[c][0];
      double cut = g[s] / diagonal[s];
      p[1 + c] = Math.max(0, p[0] - cut * h[0][s]);
      v[1 + c] = Math.max(0, v[0] - cut * h[1][s]);
    }
  }

  private static boolean present(int[] states) {
    return states != null && states.length > 0;
  }

  /** The states flagged, for the solves that take a channel's states so. */
  boolean[] removed(int[] states) {
    boolean[] removed = new boolean[n];
    for (int s : states) {
      removed[s] = true;
    }
    return removed;
  }

  /** {@code {P, V}} by dense LU with the {@code removed} states (may be null) sent to null. */
  double[] denseStartValues(boolean[] removed) {
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    solveDense(conversionReward, valueReward, removed, x1, x2);
    return new double[] {dot(start, x1), dot(start, x2)};
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private void solveDense(double[] r1, double[] r2, boolean[] removed, double[] x1, double[] x2) {
    double[][] a = new double[n][n];
    double[] b1 = new double[n];
    double[] b2 = new double[n];
    for (int s = 0; s < n; s++) {
      a[s][s] = 1;
      if (removed != null && removed[s]) {
        continue;
      }
      b1[s] = r1[s];
      b2[s] = r2[s];
      for (int k = rowStart[s]; k < rowStart[s + 1]; k++) {
        int t = column[k];
        if (removed == null || !removed[t]) {
          a[s][t] -= probability[k];
        }
      }
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      if (pivot != col) {
        double[] rowSwap = a[pivot];
        a[pivot] = a[col];
        a[col] = rowSwap;
        double t = b1[pivot];
        b1[pivot] = b1[col];
        b1[col] = t;
        t = b2[pivot];
        b2[pivot] = b2[col];
        b2[col] = t;
      }
      double[] pivotRow = a[col];
      double diagonal = pivotRow[col];
      for (int row = col + 1; row < n; row++) {
        double[] target = a[row];
        double factor = target[col] / diagonal;
        if (factor == 0) {
          continue;
        }
        for (int k = col; k < n; k++) {
          target[k] -= factor * pivotRow[k];
        }
        b1[row] -= factor * b1[col];
        b2[row] -= factor * b2[col];
      }
    }
    for (int row = n - 1; row >= 0; row--) {
      double s1 = b1[row];
      double s2 = b2[row];
      double[] r = a[row];
      for (int k = row + 1; k < n; k++) {
        s1 -= r[k] * x1[k];
        s2 -= r[k] * x2[k];
      }
      x1[row] = s1 / r[row];
      x2[row] = s2 / r[row];
    }
  }
}
