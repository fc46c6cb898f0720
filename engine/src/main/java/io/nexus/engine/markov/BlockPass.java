package io.nexus.engine.markov;

import java.util.Arrays;

/**
 * The conversion probability and expected value of a chain's states solved component by component, those that
 * paths lead to first: a state on no loop from its successors, a block of states that loop with the block's own
 * factors. With a channel's states sent to null only the states that reach them change, so a removal solves just
 * those (found backwards from the channel's states) and keeps the whole chain's values elsewhere. Thread-safe: each
 * thread has its own work space.
 */
final class BlockPass {
  private final AbsorbingChain chain;
  private final Components components;
  private final int[] componentOf;
  private final Factors[] blocks;
  /** Each state's predecessors {@code from[fromStart[s]..fromStart[s+1]]}. */
  private final int[] fromStart;
  private final int[] from;
  private final double[] whole1;
  private final double[] whole2;
  /** The whole chain's {@code {P, V}} from the start. */
  private final double[] whole;
  private final ThreadLocal<Scratch> scratch;

  BlockPass(AbsorbingChain chain, Components components, int[] componentOf, Factors[] blocks) {
    this.chain = chain;
    this.components = components;
    this.componentOf = componentOf;
    this.blocks = blocks;
    int n = chain.n;
    fromStart = new int[n + 1];
    from = new int[chain.rowStart[n]];
    for (int k = 0; k < from.length; k++) {
      fromStart[chain.column[k] + 1]++;
    }
    for (int s = 0; s < n; s++) {
      fromStart[s + 1] += fromStart[s];
    }
    int[] fill = fromStart.clone();
    for (int s = 0; s < n; s++) {
      for (int k = chain.rowStart[s]; k < chain.rowStart[s + 1]; k++) {
        from[fill[chain.column[k]]++] = s;
      }
    }
    int largest = 1;
    for (int i = 0; i < components.count; i++) {
      largest = Math.max(largest, components.size(i));
    }
    Scratch first = new Scratch(n, largest);
    int[] all = new int[components.count];
    Arrays.setAll(all, i -> i);
    solve(all, all.length, null, true, first);
    whole1 = first.x1.clone();
    whole2 = first.x2.clone();
    whole = new double[] {AbsorbingChain.dot(chain.start, whole1), AbsorbingChain.dot(chain.start, whole2)};
    int blockSize = largest;
    scratch = ThreadLocal.withInitial(() -> new Scratch(whole1, whole2, blockSize));
  }

  /** The whole chain's {@code {P, V}} from the start. */
  double[] whole() {
    return whole.clone();
  }

  /**
   * {@code {P, V}} from the start with {@code states} sent to null, {@code cuts} holding those of them that are in
   * blocks: the whole chain's values less the changes of the states that reach them.
   */
  double[] without(int[] states, Cut[] cuts) {
    Scratch s = scratch.get();
    int stamp = ++s.stamp;
    int reached = 0;
    for (int state : states) {
      s.removed[state] = true;
      if (s.seen[state] != stamp) {
        s.seen[state] = stamp;
        s.queue[reached++] = state;
      }
    }
    for (int q = 0; q < reached; q++) {
      int state = s.queue[q];
      s.componentSeen[componentOf[state]] = stamp;
      for (int k = fromStart[state]; k < fromStart[state + 1]; k++) {
        if (s.seen[from[k]] != stamp) {
          s.seen[from[k]] = stamp;
          s.queue[reached++] = from[k];
        }
      }
    }
    // In component order (what paths lead to first): a scan of the marks, cheaper than sorting what was reached.
    int count = 0;
    for (int component = 0; component < components.count; component++) {
      if (s.componentSeen[component] == stamp) {
        s.componentQueue[count++] = component;
      }
    }
    solve(s.componentQueue, count, cuts, false, s);
    double p = 0;
    double v = 0;
    for (int q = 0; q < reached; q++) {
      int state = s.queue[q];
      p += chain.start[state] * (whole1[state] - s.x1[state]);
      v += chain.start[state] * (whole2[state] - s.x2[state]);
      s.x1[state] = whole1[state];
      s.x2[state] = whole2[state];
    }
    for (int state : states) {
      s.removed[state] = false;
    }
    return new double[] {Math.max(0, whole[0] - p), Math.max(0, whole[1] - v)};
  }

  /**
   * Solves the first {@code count} of {@code order}'s components, in increasing order (what they lead to first);
   * {@code everything}: no values known yet.
   */
  private void solve(int[] order, int count, Cut[] cuts, boolean everything, Scratch s) {
    for (int q = 0; q < count; q++) {
      int component = order[q];
      if (blocks[component] == null) {
        single(components.states[components.start[component]], s);
      } else {
        block(component, cutIn(cuts, component), everything, s);
      }
    }
  }

  private static Cut cutIn(Cut[] cuts, int component) {
    if (cuts != null) {
      for (Cut cut : cuts) {
        if (cut.component == component) {
          return cut;
        }
      }
    }
    return null;
  }

  /** A state on no loop, from its successors' final values; the pivot sums its outflows (no cancellation). */
  private void single(int state, Scratch s) {
    if (s.removed[state]) {
      s.x1[state] = 0;
      s.x2[state] = 0;
      return;
    }
    double pivot = chain.exit[state];
    double v1 = chain.conversionReward[state];
    double v2 = chain.valueReward[state];
    for (int k = chain.rowStart[state]; k < chain.rowStart[state + 1]; k++) {
      int t = chain.column[k];
      if (t != state) {
        double q = chain.probability[k];
        pivot += q;
        v1 += q * s.x1[t];
        v2 += q * s.x2[t];
      }
    }
    s.x1[state] = v1 / pivot;
    s.x2[state] = v2 / pivot;
  }

  /**
   * A block of states that loop, by its factors, its successors outside it final; the cut's states to null. When
   * none of those successors changed, the block starts from the whole chain's values instead of a solve; when the
   * cut has too many states for its {@code N_TT}, the block is factored again without them.
   */
  private void block(int component, Cut cut, boolean everything, Scratch s) {
    int first = components.start[component];
    int m = components.size(component);
    double[] y = new double[2 * m];
    boolean inflow = everything;
    for (int u = 0; u < m; u++) {
      int state = components.states[first + u];
      double v1 = chain.conversionReward[state];
      double v2 = chain.valueReward[state];
      for (int k = chain.rowStart[state]; k < chain.rowStart[state + 1]; k++) {
        int t = chain.column[k];
        if (componentOf[t] != component) {
          v1 += chain.probability[k] * s.x1[t];
          v2 += chain.probability[k] * s.x2[t];
          inflow |= s.seen[t] == s.stamp;
        }
      }
      y[2 * u] = v1;
      y[2 * u + 1] = v2;
    }
    if (cut != null && cut.refactors()) {
      for (int u : cut.local) {
        y[2 * u] = 0;
        y[2 * u + 1] = 0;
      }
      Elimination.factor(components.block(chain, component, s.removed)).solve(y, 2, s.work);
    } else if (inflow) {
      blocks[component].solve(y, 2, s.work);
      if (cut != null) {
        cut.sendToNull(blocks[component], y, s.work);
      }
    } else {
      for (int u = 0; u < m; u++) {
        y[2 * u] = whole1[components.states[first + u]];
        y[2 * u + 1] = whole2[components.states[first + u]];
      }
      if (cut != null) {
        cut.sendToNull(blocks[component], y, s.work);
      }
    }
    for (int u = 0; u < m; u++) {
      int state = components.states[first + u];
      s.x1[state] = Math.max(0, y[2 * u]);
      s.x2[state] = Math.max(0, y[2 * u + 1]);
    }
  }

  /**
   * One thread's work space: every state's values (the whole chain's between removals), the channel's states, the
   * states and components reached (marked with the removal's stamp), and room for a block's solves.
   */
  private static final class Scratch {
    final double[] x1;
    final double[] x2;
    final boolean[] removed;
    final int[] seen;
    final int[] queue;
    final int[] componentSeen;
    final int[] componentQueue;
    final double[] work;
    int stamp;

    Scratch(int n, int largestBlock) {
      this(new double[n], new double[n], largestBlock);
    }

    Scratch(double[] whole1, double[] whole2, int largestBlock) {
      int n = whole1.length;
      x1 = whole1.clone();
      x2 = whole2.clone();
      removed = new boolean[n];
      seen = new int[n];
      queue = new int[n];
      componentSeen = new int[n];
      componentQueue = new int[n];
      work = new double[2 * largestBlock];
    }
  }
}
