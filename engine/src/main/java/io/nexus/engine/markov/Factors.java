package io.nexus.engine.markov;

import java.util.Arrays;

/**
 * The factors {@code I - Q = L D U} of an absorbing chain as {@link Elimination#factor} leaves them, in the
 * cancellation-free form {@code L = I - Lbar}, {@code U = I - Ubar} with non-negative {@code Lbar}, {@code Ubar}: the
 * absorption rewards {@code h = N r}, the start row {@code g = pi N} and the diagonal of the fundamental matrix
 * {@code N = (I - Q)^-1}, each by sums of non-negative products. Immutable once finished.
 *
 * <p>The diagonal comes from Takahashi's equations, {@code Z = D^-1 L^-1 + Ubar Z = U^-1 D^-1 + Z Lbar}, evaluated
 * backwards on the pattern of the factors, which elimination on a symmetric pattern closes under what the equations
 * read: about the work of the factorisation, never the dense inverse.
 */
final class Factors {
  private final int n;
  private int steps;
  /** The state eliminated at each step, and each state's step. */
  private final int[] order;
  private final int[] position;
  private final double[] pivot;
  /** The forward-eliminated rewards {@code L^-1 r} of each step. */
  private final double[] forward1;
  private final double[] forward2;
  /** Each step's later neighbours {@code start[k]..start[k+1]}, sorted by step once finished. */
  private final int[] start;
  private int[] neighbour = new int[64];
  private int[] neighbourStep = new int[64];
  /** {@code Ubar(i, k)} and {@code Lbar(k, i)} of step i's neighbour k. */
  private double[] upper = new double[64];
  private double[] lower = new double[64];
  private int entries;
  /** The dense block of the last {@code tail} steps from step {@code tailStart}: {@code Ubar} above, {@code Lbar} below. */
  private int tailStart;
  private int tail;
  private double[] block = new double[0];
  /** The selected inverse once computed: on the pattern, the dense block, the diagonal by step. */
  private double[] zUpper;
  private double[] zLower;
  private double[] zBlock;
  private double[] zDiagonal;

  Factors(int n) {
    this.n = n;
    order = new int[n];
    position = new int[n];
    pivot = new double[n];
    forward1 = new double[n];
    forward2 = new double[n];
    start = new int[n + 1];
  }

  void add(int state, double d, double y1, double y2, int count, int[] nodes, double[] rowValues, int[] slot,
      double[] columnFactors) {
    int k = steps++;
    order[k] = state;
    position[state] = k;
    pivot[k] = d;
    forward1[k] = y1;
    forward2[k] = y2;
    if (entries + count > neighbour.length) {
      int capacity = Math.max(entries + count, neighbour.length * 2);
      neighbour = Arrays.copyOf(neighbour, capacity);
      upper = Arrays.copyOf(upper, capacity);
      lower = Arrays.copyOf(lower, capacity);
    }
    for (int p = 0; p < count; p++) {
      neighbour[entries] = nodes[p];
      upper[entries] = rowValues[p] / d;
      lower[entries] = columnFactors[slot[nodes[p]]];
      entries++;
    }
    start[k + 1] = entries;
  }

  /**
   * Adds the last steps as one dense block in the order of {@code states}: {@code block} holds {@code Ubar} above
   * its diagonal and {@code Lbar} below, row by row.
   */
  void addDense(int[] states, double[] pivots, double[] y1, double[] y2, double[] block) {
    tailStart = steps;
    tail = states.length;
    this.block = block;
    for (int k = 0; k < tail; k++) {
      int step = steps++;
      order[step] = states[k];
      position[states[k]] = step;
      pivot[step] = pivots[k];
      forward1[step] = y1[k];
      forward2[step] = y2[k];
      start[step + 1] = entries;
    }
  }

  /** Sorts each step's neighbours by their step, for the lookups of the selected inverse. */
  void finish() {
    if (tail == 0) {
      tailStart = n;
    }
    if (steps != n) {
      throw new IllegalStateException("eliminated " + steps + " of " + n + " states");
    }
    neighbourStep = new int[entries];
    long[] keys = new long[16];
    int[] nodes = new int[16];
    double[] up = new double[16];
    double[] low = new double[16];
    for (int k = 0; k < n; k++) {
      int from = start[k];
      int m = start[k + 1] - from;
      if (m > keys.length) {
        keys = new long[m];
        nodes = new int[m];
        up = new double[m];
        low = new double[m];
      }
      for (int p = 0; p < m; p++) {
        keys[p] = ((long) position[neighbour[from + p]] << 32) | p;
        nodes[p] = neighbour[from + p];
        up[p] = upper[from + p];
        low[p] = lower[from + p];
      }
      Arrays.sort(keys, 0, m);
      for (int p = 0; p < m; p++) {
        int q = (int) keys[p];
        neighbour[from + p] = nodes[q];
        neighbourStep[from + p] = (int) (keys[p] >>> 32);
        upper[from + p] = up[q];
        lower[from + p] = low[q];
      }
    }
  }

  /** Roughly the factorisation's multiplications: each sparse step's neighbours squared, the dense block's m³/3. */
  double cost() {
    double cost = (double) tail * tail * tail / 3;
    for (int k = 0; k < tailStart; k++) {
      double neighbours = start[k + 1] - start[k];
      cost += neighbours * neighbours;
    }
    return cost;
  }

  /** Roughly the multiplications of one column's {@link #solve}: each factor entry twice, the dense block's square. */
  double solveCost() {
    return n + 2.0 * start[tailStart] + (double) tail * tail;
  }

  /** {@code h = (I - Q)^-1 r} for the two rewards the elimination carried: {@code {h1, h2}} by state. */
  double[][] absorption() {
    double[] h1 = new double[n];
    double[] h2 = new double[n];
    for (int k = n - 1; k >= 0; k--) {
      double s1 = forward1[k] / pivot[k];
      double s2 = forward2[k] / pivot[k];
      if (k >= tailStart) {
        int row = (k - tailStart) * tail;
        for (int j = k - tailStart + 1; j < tail; j++) {
          s1 += block[row + j] * h1[order[tailStart + j]];
          s2 += block[row + j] * h2[order[tailStart + j]];
        }
      }
      for (int p = start[k]; p < start[k + 1]; p++) {
        s1 += upper[p] * h1[neighbour[p]];
        s2 += upper[p] * h2[neighbour[p]];
      }
      h1[order[k]] = s1;
      h2[order[k]] = s2;
    }
    return new double[][] {h1, h2};
  }

  /**
   * Solves {@code (I - Q) X = B} for {@code count} right-hand sides in place: {@code b[state * count + r]} holds
   * entry {@code state} of right-hand side {@code r}. Forward through {@code L}, then back through {@code D U}, as
   * {@link #absorption()} does for the rewards the elimination carried, in step order with the right-hand sides side
   * by side, so that each entry of the factors is read once for all of them.
   *
   * @param work {@code n * count} entries of work space, overwritten
   */
  void solve(double[] b, int count, double[] work) {
    double[] w = work;
    for (int k = 0; k < n; k++) {
      int from = order[k] * count;
      for (int r = 0; r < count; r++) {
        w[k * count + r] = b[from + r];
      }
    }
    for (int k = 0; k < tailStart; k++) {
      int from = k * count;
      for (int p = start[k]; p < start[k + 1]; p++) {
        double l = lower[p];
        int to = neighbourStep[p] * count;
        for (int r = 0; r < count; r++) {
          w[to + r] += l * w[from + r];
        }
      }
    }
    // The dense block's Lbar row by row: each entry takes the finished ones before it.
    for (int i = 0; i < tail; i++) {
      int row = i * tail;
      int to = (tailStart + i) * count;
      for (int k = 0; k < i; k++) {
        double l = block[row + k];
        if (l != 0) {
          int from = (tailStart + k) * count;
          for (int r = 0; r < count; r++) {
            w[to + r] += l * w[from + r];
          }
        }
      }
    }
    for (int k = n - 1; k >= 0; k--) {
      int to = k * count;
      double d = pivot[k];
      for (int r = 0; r < count; r++) {
        w[to + r] /= d;
      }
      if (k >= tailStart) {
        int row = (k - tailStart) * tail;
        for (int j = k - tailStart + 1; j < tail; j++) {
          double u = block[row + j];
          if (u != 0) {
            int from = (tailStart + j) * count;
            for (int r = 0; r < count; r++) {
              w[to + r] += u * w[from + r];
            }
          }
        }
      }
      for (int p = start[k]; p < start[k + 1]; p++) {
        double u = upper[p];
        int from = neighbourStep[p] * count;
        for (int r = 0; r < count; r++) {
          w[to + r] += u * w[from + r];
        }
      }
    }
    for (int k = 0; k < n; k++) {
      int to = order[k] * count;
      for (int r = 0; r < count; r++) {
        b[to + r] = w[k * count + r];
      }
    }
  }

  /** {@code g = pi (I - Q)^-1}, the expected visits to each state from the start distribution {@code pi}. */
  double[] visits(double[] pi) {
    double[] w = new double[n];
    for (int k = 0; k < n; k++) {
      w[k] += pi[order[k]];
      if (k >= tailStart) {
        int row = (k - tailStart) * tail;
        for (int j = k - tailStart + 1; j < tail; j++) {
          w[tailStart + j] += w[k] * block[row + j];
        }
      }
      for (int p = start[k]; p < start[k + 1]; p++) {
        w[neighbourStep[p]] += w[k] * upper[p];
      }
    }
    double[] g = new double[n];
    for (int k = n - 1; k >= 0; k--) {
      double s = w[k] / pivot[k];
      if (k >= tailStart) {
        int col = k - tailStart;
        for (int j = col + 1; j < tail; j++) {
          s += g[order[tailStart + j]] * block[j * tail + col];
        }
      }
      for (int p = start[k]; p < start[k + 1]; p++) {
        s += g[neighbour[p]] * lower[p];
      }
      g[order[k]] = s;
    }
    return g;
  }

  /** The diagonal of {@code N = (I - Q)^-1}, by state: the expected visits to a state from itself. */
  double[] inverseDiagonal() {
    zBlock = denseInverse();
    zUpper = new double[entries];
    zLower = new double[entries];
    zDiagonal = new double[n];
    for (int k = tailStart; k < n; k++) {
      zDiagonal[k] = zBlock[(k - tailStart) * tail + (k - tailStart)];
    }
    for (int k = tailStart - 1; k >= 0; k--) {
      int from = start[k];
      int to = start[k + 1];
      double zii = 1 / pivot[k];
      for (int p = from; p < to; p++) {
        int a = neighbourStep[p];
        double zai = 0;
        double zia = 0;
        for (int q = from; q < to; q++) {
          double ub = upper[q];
          double lb = lower[q];
          if (ub == 0 && lb == 0) {
            continue;
          }
          int b = neighbourStep[q];
          double zab;
          double zba;
          if (a == b) {
            zab = zDiagonal[a];
            zba = zab;
          } else if (a >= tailStart && b >= tailStart) {
            zab = zBlock[(a - tailStart) * tail + (b - tailStart)];
            zba = zBlock[(b - tailStart) * tail + (a - tailStart)];
          } else if (a < b) {
            int e = find(a, b);
            zab = zUpper[e];
            zba = zLower[e];
          } else {
            int e = find(b, a);
            zab = zLower[e];
            zba = zUpper[e];
          }
          zai += zab * lb;
          zia += ub * zba;
        }
        zLower[p] = zai;
        zUpper[p] = zia;
        zii += upper[p] * zai;
      }
      zDiagonal[k] = zii;
    }
    double[] diagonal = new double[n];
    for (int k = 0; k < n; k++) {
      diagonal[order[k]] = zDiagonal[k];
    }
    return diagonal;
  }

  /** Takahashi's equations on the dense block: the inverse of what is left of {@code I - Q} when it begins. */
  private double[] denseInverse() {
    int m = tail;
    double[] z = new double[m * m];
    double[] column = new double[m];
    for (int k = m - 1; k >= 0; k--) {
      int rowK = k * m;
      for (int b = k + 1; b < m; b++) {
        column[b] = block[b * m + k];
      }
      double zkk = 1 / pivot[tailStart + k];
      // Row k of Z: Ubar's row k times the rows of Z below, accumulated row by row (contiguous reads).
      for (int b = k + 1; b < m; b++) {
        double u = block[rowK + b];
        if (u != 0) {
          int rowB = b * m;
          for (int a = k + 1; a < m; a++) {
            z[rowK + a] += u * z[rowB + a];
          }
        }
      }
      for (int a = k + 1; a < m; a++) {
        int rowA = a * m;
        double zak = 0;
        for (int b = k + 1; b < m; b++) {
          zak += z[rowA + b] * column[b];
        }
        z[rowA + k] = zak;
      }
      for (int a = k + 1; a < m; a++) {
        zkk += block[rowK + a] * z[a * m + k];
      }
      z[rowK + k] = zkk;
    }
    return z;
  }

  /** The entry of step {@code later} among the neighbours of step {@code earlier}. */
  private int find(int earlier, int later) {
    int e = Arrays.binarySearch(neighbourStep, start[earlier], start[earlier + 1], later);
    if (e < 0) {
      throw new IllegalStateException("selected inverse needs an entry outside the factors' pattern");
    }
    return e;
  }
}
