package io.nexus.engine.markov;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The transient part of an absorbing Markov chain in compressed sparse rows, and the exact solve of its absorption
 * rewards {@code x = Qx + r} with some states forced to the null state.
 *
 * <p>Small chains are solved directly by LU decomposition with partial pivoting. Larger ones (orders 3 and 4) are
 * solved by Gauss-Seidel sweeps from zero, deepest states first, until no state changes by more than a few units in
 * the last place: the iteration is monotone from below, so it stops at the fixed point in double precision rather
 * than at a sampling error.
 */
final class AbsorbingChain {
  static final int DENSE_LIMIT = 400;
  private static final int MAX_SWEEPS = 1_000_000;
  private static final double TOLERANCE = 1e-16;

  private final int n;
  private final int[] rowStart;
  private final int[] column;
  private final double[] probability;
  private final int[] sweepOrder;

  /**
   * @param n the number of transient states
   * @param rowStart CSR row pointers, {@code n + 1} entries
   * @param column the target state of each transition
   * @param probability the probability of each transition
   * @param start the start distribution, used to order the sweeps
   */
  AbsorbingChain(int n, int[] rowStart, int[] column, double[] probability, double[] start) {
    this.n = n;
    this.rowStart = rowStart;
    this.column = column;
    this.probability = probability;
    this.sweepOrder = deepestFirst(start);
  }

  int size() {
    return n;
  }

  /**
   * Solves {@code x = Qx + r} for two reward vectors at once, with the states flagged in {@code removed} absorbing
   * into null (their reward and value 0).
   */
  void solve(double[] r1, double[] r2, boolean[] removed, double[] x1, double[] x2) {
    if (n <= DENSE_LIMIT) {
      solveDense(r1, r2, removed, x1, x2);
    } else {
      solveIteratively(r1, r2, removed, x1, x2);
    }
  }

  void solveDense(double[] r1, double[] r2, boolean[] removed, double[] x1, double[] x2) {
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

  void solveIteratively(double[] r1, double[] r2, boolean[] removed, double[] x1, double[] x2) {
    Arrays.fill(x1, 0, n, 0);
    Arrays.fill(x2, 0, n, 0);
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double change = 0;
      for (int s : sweepOrder) {
        if (removed != null && removed[s]) {
          continue;
        }
        double v1 = r1[s];
        double v2 = r2[s];
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
        return;
      }
    }
    throw new ArithmeticException("Markov chain did not converge in " + MAX_SWEEPS + " sweeps");
  }

  private static double relativeChange(double before, double after) {
    double delta = Math.abs(after - before);
    return delta == 0 ? 0 : delta / Math.abs(after);
  }

  /** States by decreasing distance from the start, so that a sweep meets a state's successors before the state. */
  private int[] deepestFirst(double[] start) {
    int[] depth = new int[n];
    Arrays.fill(depth, -1);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int s = 0; s < n; s++) {
      if (start[s] > 0) {
        depth[s] = 0;
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      for (int k = rowStart[s]; k < rowStart[s + 1]; k++) {
        int t = column[k];
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
