package io.nexus.engine.markov;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The absorption rewards {@code x = Qx + r} of a chain whose elimination would fill in (the windows of orders 3 and 4
 * over a dozen channels form a large strongly connected core), by Gauss–Seidel sweeps from zero, deepest states
 * first, until no state changes in double precision: the iteration is monotone from below, so it stops at the fixed
 * point rather than at a tolerance, and agrees with the dense LU to 1e-12 ({@code SparseSolveTest}). Immutable.
 */
final class GaussSeidel {
  private static final int MAX_SWEEPS = 1_000_000;
  private static final double TOLERANCE = 1e-16;

  private final AbsorbingChain chain;
  private final int[] sweepOrder;

  GaussSeidel(AbsorbingChain chain) {
    this.chain = chain;
    this.sweepOrder = deepestFirst(chain);
  }

  /** {@code {P, V}} from the start with the {@code removed} states (may be null) sent to null. */
  double[] startValues(boolean[] removed) {
    double[] values = startValues(removed, MAX_SWEEPS);
    if (values == null) {
      throw new ArithmeticException("Markov chain did not converge in " + MAX_SWEEPS + " sweeps");
    }
    return values;
  }

  /**
   * Whether the whole chain's solve converges within {@code updates} (sweeps times states and transitions): stops
   * sweeping once past them, so that asking costs no more than the answer is worth.
   */
  boolean convergesWithin(double updates) {
    return startValues(null, (int) Math.min(MAX_SWEEPS, updates / (chain.n + chain.rowStart[chain.n]))) != null;
  }

  /** As {@link #startValues(boolean[])}, or null when not converged after {@code maxSweeps}. */
  private double[] startValues(boolean[] removed, int maxSweeps) {
    int n = chain.n;
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    int[] rowStart = chain.rowStart;
    int[] column = chain.column;
    double[] probability = chain.probability;
    for (int sweep = 0; sweep < maxSweeps; sweep++) {
      double change = 0;
      for (int s : sweepOrder) {
        if (removed != null && removed[s]) {
          continue;
        }
        double v1 = chain.conversionReward[s];
        double v2 = chain.valueReward[s];
        for (int k = rowStart[s]; k < rowStart[s + 1]; k++) {
          int t = column[k];
          v1 += probability[k] * x1[t];
          v2 += probability[k] * x2[t];
        }
        change = Math.max(change, relativeChange(x1[s], v1));
        change = Math.max(change, relativeChange(x2[s], v2));
        x1[s] = v1;
        x2[s] = v2;
      }
      if (change <= TOLERANCE) {
        return new double[] {AbsorbingChain.dot(chain.start, x1), AbsorbingChain.dot(chain.start, x2)};
      }
    }
    return null;
  }

  private static double relativeChange(double before, double after) {
    double delta = Math.abs(after - before);
    return delta == 0 ? 0 : delta / Math.abs(after);
  }

  /** States by decreasing distance from the start, so that a sweep meets a state's successors before the state. */
  private static int[] deepestFirst(AbsorbingChain chain) {
    int n = chain.n;
    int[] depth = new int[n];
    Arrays.fill(depth, -1);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int s = 0; s < n; s++) {
      if (chain.start[s] > 0) {
        depth[s] = 0;
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      for (int k = chain.rowStart[s]; k < chain.rowStart[s + 1]; k++) {
        int t = chain.column[k];
        if (depth[t] < 0) {
          depth[t] = depth[s] + 1;
          queue.add(t);
        }
      }
    }
    Integer[] order = new Integer[n];
    for (int s = 0; s < n; s++) {
      order[s] = s;
    }
    Arrays.sort(order, (a, b) -> depth[a] != depth[b] ? Integer.compare(depth[b], depth[a]) : Integer.compare(a, b));
    int[] result = new int[n];
    for (int i = 0; i < n; i++) {
      result[i] = order[i];
    }
    return result;
  }
}
