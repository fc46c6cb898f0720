package io.nexus.engine.markov;

/**
 * A channel's states {@code T} inside one strongly connected block of the chain, with the block's fundamental matrix
 * between them, {@code N_TT}, LU-decomposed: what sends those states to null in a solve of the whole block, by the
 * block version of the rank-one update. Filled column by column, then decomposed once; immutable after that. When
 * {@code T} is so large that {@code N_TT} would cost more than factoring the block again, the cut only names the
 * states ({@link #refactors()}): the block is factored without them for the removal.
 */
final class Cut {
  /** The block's component, and the states as indices in the block. */
  final int component;
  final int[] local;
  /** {@code N_TT} row by row, then its LU factors with partial pivoting. */
  private final double[] matrix;
  private final int[] pivots;

  Cut(int component, int[] local, boolean refactors) {
    this.component = component;
    this.local = local;
    this.matrix = refactors ? null : new double[local.length * local.length];
    this.pivots = refactors ? null : new int[local.length];
  }

  /** True when the removal factors the block without {@code T} rather than using {@code N_TT}. */
  boolean refactors() {
    return matrix == null;
  }

  /**
   * Sets column {@code j} of {@code N_TT} from column {@code local[j]} of the block's {@code N}, which is
   * {@code columns[u * count + r]}, {@code u} in the block.
   */
  void setColumn(int j, double[] columns, int count, int r) {
    int m = local.length;
    for (int i = 0; i < m; i++) {
      matrix[i * m + j] = columns[local[i] * count + r];
    }
  }

  /** LU decomposition with partial pivoting, in place, once every column is set. */
  void decompose() {
    int m = local.length;
    for (int col = 0; col < m; col++) {
      int pivot = col;
      for (int row = col + 1; row < m; row++) {
        if (Math.abs(matrix[row * m + col]) > Math.abs(matrix[pivot * m + col])) {
          pivot = row;
        }
      }
      pivots[col] = pivot;
      if (pivot != col) {
        for (int k = 0; k < m; k++) {
          double t = matrix[col * m + k];
          matrix[col * m + k] = matrix[pivot * m + k];
          matrix[pivot * m + k] = t;
        }
      }
      double d = matrix[col * m + col];
      for (int row = col + 1; row < m; row++) {
        double f = matrix[row * m + col] / d;
        matrix[row * m + col] = f;
        if (f != 0) {
          for (int k = col + 1; k < m; k++) {
            matrix[row * m + k] -= f * matrix[col * m + k];
          }
        }
      }
    }
  }

  /**
   * Turns the block's solution {@code y} ({@code y[2u]} and {@code y[2u + 1]}: both right-hand sides of block state
   * {@code u}) into the solution with the states {@code T} sent to null: {@code y - N_{:T} w} with
   * {@code N_TT w = y_T}, the second term by one more solve with the block's factors, and {@code y_T} exactly 0.
   */
  void sendToNull(Factors block, double[] y, double[] work) {
    int m = local.length;
    double[] w1 = new double[m];
    double[] w2 = new double[m];
    for (int i = 0; i < m; i++) {
      w1[i] = y[2 * local[i]];
      w2[i] = y[2 * local[i] + 1];
    }
    solve(w1);
    solve(w2);
    double[] correction = new double[y.length];
    for (int i = 0; i < m; i++) {
      correction[2 * local[i]] = w1[i];
      correction[2 * local[i] + 1] = w2[i];
    }
    block.solve(correction, 2, work);
    for (int k = 0; k < y.length; k++) {
      y[k] -= correction[k];
    }
    for (int u : local) {
      y[2 * u] = 0;
      y[2 * u + 1] = 0;
    }
  }

  private void solve(double[] b) {
    int m = local.length;
    for (int col = 0; col < m; col++) {
      int p = pivots[col];
      double t = b[p];
      b[p] = b[col];
      b[col] = t;
      for (int row = col + 1; row < m; row++) {
        b[row] -= matrix[row * m + col] * b[col];
      }
    }
    for (int row = m - 1; row >= 0; row--) {
      double sum = b[row];
      for (int k = row + 1; k < m; k++) {
        sum -= matrix[row * m + k] * b[k];
      }
      b[row] = sum / matrix[row * m + row];
    }
  }
}
