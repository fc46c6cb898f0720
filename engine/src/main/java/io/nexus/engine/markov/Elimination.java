package io.nexus.engine.markov;

import java.util.Arrays;

/**
 * Exact sparse Gaussian elimination of an absorbing chain's {@code I - Q}, one state at a time in a fill-reducing
 * order (least Markowitz count first), in the Grassmann–Taksar–Heyman form: a pivot is the sum of its row's outflows
 * (to later states and to absorption), never {@code 1 - q_ii}, and every update adds non-negative products, so no
 * step subtracts and every quantity keeps its relative accuracy. {@code I - Q} is a non-singular M-matrix, so no
 * pivoting is needed. Not thread-safe; each solve has its own.
 *
 * <p>{@link #factor} eliminates on the symmetrised pattern and keeps the factors, for {@link Factors}' solves and
 * selected inverse: what the solver uses. {@link #startValues} eliminates, on the unsymmetric pattern, every
 * transient state of the chain with some states removed (sent to null) and reads off what reaches conversion from
 * the start: one removal by one elimination, the independent exact answer the tests hold the factorisation's cuts to.
 */
final class Elimination {
  private final int nodes;
  private final int start;
  private final SparseRow[] rows;
  private final SparseRow[] columns;
  private final double[] exit;
  private final double[] reward1;
  private final double[] reward2;
  private final boolean[] done;
  /** Below this many states a dense block is not worth its set-up. */
  private static final int DENSE_MINIMUM = 32;
  /** Above this many states a dense block would not fit an array. */
  private static final int DENSE_MAXIMUM = 40_000;
  /** The share of the states left that the cheapest state's neighbours reach when the rest goes dense. */
  private static final double DENSE_FRACTION = 0.25;

  private final long[] heap;
  private int heapSize;
  private int remaining;
  /** The updates the caller allows before giving up on elimination. */
  private long budget;
  private int[] outNode = new int[16];
  private double[] outValue = new double[16];
  private int[] inNode = new int[16];
  private double[] inValue = new double[16];
  private int[] slot = new int[0];

  private Elimination(AbsorbingChain chain, boolean[] removed, boolean withStart, boolean symmetric) {
    int n = chain.n;
    this.start = withStart ? n : -1;
    this.nodes = withStart ? n + 1 : n;
    rows = new SparseRow[nodes];
    columns = new SparseRow[nodes];
    exit = new double[nodes];
    reward1 = new double[nodes];
    reward2 = new double[nodes];
    done = new boolean[nodes];
    int[] in = new int[nodes];
    for (int s = 0; s < n; s++) {
      if (isKept(removed, s)) {
        for (int k = chain.rowStart[s]; k < chain.rowStart[s + 1]; k++) {
          in[chain.column[k]]++;
        }
      }
    }
    for (int s = 0; s < nodes; s++) {
      if (s == start || isKept(removed, s)) {
        int out = s == start ? 0 : chain.rowStart[s + 1] - chain.rowStart[s];
        rows[s] = new SparseRow(symmetric ? out + in[s] : out);
        columns[s] = new SparseRow(symmetric ? out + in[s] : in[s] + 1);
      }
    }
    for (int s = 0; s < n; s++) {
      if (!isKept(removed, s)) {
        done[s] = true;
        continue;
      }
      double e = chain.exit[s];
      for (int k = chain.rowStart[s]; k < chain.rowStart[s + 1]; k++) {
        int t = chain.column[k];
        if (isKept(removed, t)) {
          link(s, t, chain.probability[k], symmetric);
        } else {
          e += chain.probability[k];
        }
      }
      exit[s] = e;
      reward1[s] = chain.conversionReward[s];
      reward2[s] = chain.valueReward[s];
    }
    if (withStart) {
      for (int s = 0; s < n; s++) {
        if (chain.start[s] > 0) {
          if (isKept(removed, s)) {
            link(start, s, chain.start[s], symmetric);
          } else {
            exit[start] += chain.start[s];
          }
        }
      }
    }
    heap = new long[Math.max(16, nodes * 4)];
    for (int s = 0; s < n; s++) {
      if (!done[s]) {
        push(s);
        remaining++;
      }
    }
  }

  private static boolean isKept(boolean[] removed, int s) {
    return removed == null || !removed[s];
  }

  private void link(int from, int to, double probability, boolean symmetric) {
    rows[from].add(to, probability);
    columns[to].add(from, 0);
    if (symmetric) {
      rows[to].add(from, 0);
      columns[from].add(to, 0);
    }
  }

  /**
   * The probability of conversion and the expected value from the start, with the {@code removed} states sent to
   * null: {@code {P, V}}.
   */
  static double[] startValues(AbsorbingChain chain, boolean[] removed) {
    Elimination e = new Elimination(chain, removed, true, false);
    e.budget = Long.MAX_VALUE;
    e.run(null);
    return new double[] {e.reward1[e.start], e.reward2[e.start]};
  }

  /** The factors of the whole chain's {@code I - Q} on the symmetrised pattern, for solves and the selected inverse. */
  static Factors factor(AbsorbingChain chain) {
    return factor(chain, Long.MAX_VALUE);
  }

  /** As {@link #factor(AbsorbingChain)}; null once more than {@code budget} updates were needed. */
  static Factors factor(AbsorbingChain chain, long budget) {
    Elimination e = new Elimination(chain, null, false, true);
    Factors factors = new Factors(chain.n);
    e.budget = budget;
    if (!e.run(factors)) {
      return null;
    }
    factors.finish();
    return factors;
  }

  /**
   * Eliminates every state: sparse while the cheapest state has few neighbours, then the rest — the chain's dense
   * core, where the channels that most paths share meet — as one dense block, which costs the same operations
   * without a hash lookup each.
   */
  private boolean run(Factors record) {
    long work = 0;
    while (heapSize > 0) {
      int node = pop();
      if (node < 0) {
        continue;
      }
      int neighbours = Math.max(rows[node].size(), columns[node].size());
      if (remaining > DENSE_MINIMUM && remaining <= DENSE_MAXIMUM
          && neighbours >= DENSE_FRACTION * (remaining - 1)) {
        long m = remaining;
        if (work + m * m * m / 3 > budget) {
          return false;
        }
        eliminateDense(record);
        return true;
      }
      work += (long) rows[node].size() * columns[node].size() + 1;
      if (work > budget) {
        return false;
      }
      eliminate(node, record);
    }
    return true;
  }

  /** Eliminates the states left, in state order, as a dense block: the same updates on an array. */
  private void eliminateDense(Factors record) {
    int m = remaining;
    int[] tail = new int[m];
    int[] index = new int[nodes];
    int count = 0;
    for (int s = 0; s < nodes; s++) {
      if (!done[s] && s != start) {
        index[s] = count;
        tail[count++] = s;
      }
    }
    double[] q = new double[m * m];
    double[] fromStart = start >= 0 ? new double[m] : null;
    int[] keys = new int[16];
    double[] values = new double[16];
    for (int a = 0; a < m; a++) {
      SparseRow row = rows[tail[a]];
      if (keys.length < row.size()) {
        keys = new int[row.size()];
        values = new double[row.size()];
      }
      int k = row.copyTo(keys, values);
      for (int p = 0; p < k; p++) {
        q[a * m + index[keys[p]]] = values[p];
      }
    }
    if (fromStart != null) {
      SparseRow row = rows[start];
      if (keys.length < row.size()) {
        keys = new int[row.size()];
        values = new double[row.size()];
      }
      int k = row.copyTo(keys, values);
      for (int p = 0; p < k; p++) {
        fromStart[index[keys[p]]] = values[p];
      }
    }
    double[] e = new double[m];
    double[] r1 = new double[m];
    double[] r2 = new double[m];
    double[] pivots = new double[m];
    for (int a = 0; a < m; a++) {
      e[a] = exit[tail[a]];
      r1[a] = reward1[tail[a]];
      r2[a] = reward2[tail[a]];
    }
    for (int k = 0; k < m; k++) {
      int rowK = k * m;
      double d = e[k];
      for (int j = k + 1; j < m; j++) {
        d += q[rowK + j];
      }
      pivots[k] = d;
      for (int i = k + 1; i < m; i++) {
        int rowI = i * m;
        double f = q[rowI + k] / d;
        q[rowI + k] = f;
        if (f == 0) {
          continue;
        }
        e[i] += f * e[k];
        r1[i] += f * r1[k];
        r2[i] += f * r2[k];
        // Also onto the diagonal q[i][i]: a return to i, which no pivot reads (they sum the outflows).
        for (int j = k + 1; j < m; j++) {
          q[rowI + j] += f * q[rowK + j];
        }
      }
      if (fromStart != null) {
        double f = fromStart[k] / d;
        if (f != 0) {
          exit[start] += f * e[k];
          reward1[start] += f * r1[k];
          reward2[start] += f * r2[k];
          for (int j = k + 1; j < m; j++) {
            fromStart[j] += f * q[rowK + j];
          }
        }
      }
      if (record != null) {
        for (int j = k + 1; j < m; j++) {
          q[rowK + j] /= d;
        }
      }
    }
    for (int s : tail) {
      done[s] = true;
      rows[s] = null;
      columns[s] = null;
    }
    remaining = 0;
    heapSize = 0;
    if (record != null) {
      record.addDense(tail, pivots, r1, r2, q);
    }
  }

  /** Eliminates {@code i}: every state that goes to it now goes where it goes, in proportion. */
  private void eliminate(int i, Factors record) {
    SparseRow out = rows[i];
    SparseRow in = columns[i];
    ensureScratch(Math.max(out.size(), in.size()));
    int outs = out.copyTo(outNode, outValue);
    int ins = in.copyTo(inNode, inValue);
    double pivot = exit[i];
    for (int p = 0; p < outs; p++) {
      pivot += outValue[p];
    }
    rows[i] = null;
    columns[i] = null;
    done[i] = true;
    remaining--;
    for (int p = 0; p < outs; p++) {
      columns[outNode[p]].remove(i);
    }
    for (int a = 0; a < ins; a++) {
      int from = inNode[a];
      SparseRow row = rows[from];
      double f = row.remove(i) / pivot;
      inValue[a] = f;
      if (f != 0) {
        exit[from] += f * exit[i];
        reward1[from] += f * reward1[i];
        reward2[from] += f * reward2[i];
      }
      for (int p = 0; p < outs; p++) {
        int to = outNode[p];
        if (to != from) {
          row.add(to, f * outValue[p]);
          columns[to].add(from, 0);
        }
      }
    }
    for (int a = 0; a < ins; a++) {
      if (!done[inNode[a]] && inNode[a] != start) {
        push(inNode[a]);
      }
    }
    for (int p = 0; p < outs; p++) {
      if (!done[outNode[p]] && outNode[p] != start) {
        push(outNode[p]);
      }
    }
    if (record != null) {
      // Symmetric pattern: the same states before and after, each with its row and column multiplier.
      for (int a = 0; a < ins; a++) {
        slot[inNode[a]] = a;
      }
      record.add(i, pivot, reward1[i], reward2[i], outs, outNode, outValue, slot, inValue);
    }
  }

  private void ensureScratch(int size) {
    if (outNode.length < size) {
      int capacity = Math.max(size, outNode.length * 2);
      outNode = new int[capacity];
      outValue = new double[capacity];
      inNode = new int[capacity];
      inValue = new double[capacity];
    }
    if (slot.length < nodes) {
      slot = new int[nodes];
    }
  }

  /** The fill eliminating {@code s} would create: the Markowitz count, then the state id for a fixed order. */
  private void push(int s) {
    long cost = (long) Math.max(0, rows[s].size()) * Math.max(0, columns[s].size());
    if (heapSize == heap.length) {
      compact();
    }
    long key = (Math.min(cost, Integer.MAX_VALUE) << 32) | s;
    int i = heapSize++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] <= key) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = key;
  }

  /** The next state to eliminate, or -1 for an entry that is out of date (its state done or its count changed). */
  private int pop() {
    long top = heap[0];
    long last = heap[--heapSize];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= heapSize) {
        break;
      }
      if (child + 1 < heapSize && heap[child + 1] < heap[child]) {
        child++;
      }
      if (heap[child] >= last) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    if (heapSize > 0) {
      heap[i] = last;
    }
    int s = (int) top;
    if (done[s]) {
      return -1;
    }
    long cost = (long) rows[s].size() * columns[s].size();
    return Math.min(cost, Integer.MAX_VALUE) == top >>> 32 ? s : -1;
  }

  /** Drops out-of-date entries when the heap is full: one current entry per state remains. */
  private void compact() {
    long[] entries = Arrays.copyOf(heap, heapSize);
    heapSize = 0;
    boolean[] seen = new boolean[nodes];
    for (long entry : entries) {
      int s = (int) entry;
      if (!done[s] && !seen[s]) {
        seen[s] = true;
        heap[heapSize++] = ((long) Math.min((long) rows[s].size() * columns[s].size(), Integer.MAX_VALUE) << 32) | s;
      }
    }
    Arrays.sort(heap, 0, heapSize);
  }
}
