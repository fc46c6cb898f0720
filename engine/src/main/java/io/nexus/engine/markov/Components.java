package io.nexus.engine.markov;

import java.util.Arrays;

/**
 * The strongly connected components of a chain's transient states (Tarjan's algorithm, without recursion), in an
 * order where every component comes after all the components it leads to: solving them in this order, each state's
 * successors outside its component are known. Immutable.
 */
final class Components {
  /** The states component by component, component {@code i} being {@code states[start[i]..start[i+1]]}. */
  final int[] states;
  final int[] start;
  final int count;

  private Components(int[] states, int[] start, int count) {
    this.states = states;
    this.start = start;
    this.count = count;
  }

  static Components of(AbsorbingChain chain) {
    int n = chain.n;
    int[] index = new int[n];
    int[] low = new int[n];
    int[] next = new int[n];
    boolean[] onStack = new boolean[n];
    int[] stack = new int[n];
    int[] calls = new int[n];
    int[] states = new int[n];
    int[] start = new int[n + 1];
    Arrays.fill(index, -1);
    int visited = 0;
    int stackSize = 0;
    int placed = 0;
    int count = 0;
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      int depth = 0;
      calls[depth++] = root;
      index[root] = low[root] = visited++;
      next[root] = chain.rowStart[root];
      stack[stackSize++] = root;
      onStack[root] = true;
      while (depth > 0) {
        int v = calls[depth - 1];
        if (next[v] < chain.rowStart[v + 1]) {
          int w = chain.column[next[v]++];
          if (index[w] < 0) {
            index[w] = low[w] = visited++;
            next[w] = chain.rowStart[w];
            stack[stackSize++] = w;
            onStack[w] = true;
            calls[depth++] = w;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        depth--;
        if (depth > 0) {
          int caller = calls[depth - 1];
          low[caller] = Math.min(low[caller], low[v]);
        }
        if (low[v] == index[v]) {
          // v roots a component: it is complete, and every component it leads to was completed before it.
          int w;
          do {
            w = stack[--stackSize];
            onStack[w] = false;
            states[placed++] = w;
          } while (w != v);
          start[++count] = placed;
        }
      }
    }
    return new Components(states, Arrays.copyOf(start, count + 1), count);
  }

  int size(int component) {
    return start[component + 1] - start[component];
  }

  /**
   * The chain within one component, its states numbered in component order: transitions that leave the component
   * count as exits (only its {@code I - Q} is wanted, for {@link Elimination#factor}; rewards and start are zero).
   * The {@code removed} states (may be null) are sent to null: they keep their numbers, without transitions.
   */
  AbsorbingChain block(AbsorbingChain chain, int component, boolean[] removed) {
    int from = start[component];
    int m = size(component);
    int[] index = new int[chain.n];
    Arrays.fill(index, -1);
    for (int u = 0; u < m; u++) {
      index[states[from + u]] = u;
    }
    int[] rowStart = new int[m + 1];
    double[] exit = new double[m];
    int[] column = new int[chain.rowStart[chain.n]];
    double[] probability = new double[column.length];
    int entries = 0;
    for (int u = 0; u < m; u++) {
      int s = states[from + u];
      exit[u] = chain.exit[s];
      if (removed != null && removed[s]) {
        exit[u] = 1;
        rowStart[u + 1] = entries;
        continue;
      }
      for (int k = chain.rowStart[s]; k < chain.rowStart[s + 1]; k++) {
        int t = index[chain.column[k]];
        if (t < 0 || removed != null && removed[chain.column[k]]) {
          exit[u] += chain.probability[k];
        } else {
          column[entries] = t;
          probability[entries++] = chain.probability[k];
        }
      }
      rowStart[u + 1] = entries;
    }
    double[] zero = new double[m];
    return new AbsorbingChain(m, rowStart, Arrays.copyOf(column, entries), Arrays.copyOf(probability, entries), exit,
        zero, zero, zero);
  }
}
