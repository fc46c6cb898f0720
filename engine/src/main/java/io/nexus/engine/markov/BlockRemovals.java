package io.nexus.engine.markov;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Exact removals of channels of several states (orders 2 to 4) for many channels: one pass per channel over the
 * chain's strongly connected components, those that paths lead to first. A state on no loop is solved from its
 * successors; a block of states that loop (one block of a few thousand states holds all the loops of an order-2 chain
 * of 3,000 channels) is solved with its own sparse factors, computed once, and the channel's states in it are sent to
 * null by the block rank-one update ({@link Cut}). States that reach none of the channel's keep the whole chain's
 * values, so a block they form is not solved again. Channels with more than {@value #CUT_LIMIT} states in one block
 * sweep instead ({@link GaussSeidel}). Thread-safe once prepared.
 */
final class BlockRemovals {
  /** Above this many states of a channel in one block, the block's {@code N_TT} would cost more than sweeps. */
  static final int CUT_LIMIT = 3000;

  private final AbsorbingChain chain;
  private final int[][] channelStates;
  private final Components components;
  private final int[] componentOf;
  /** The factors of each block of several states, by component; null for a state alone. */
  private final Factors[] blocks;
  /** Each state's index in its block. */
  private final int[] local;
  /** The cuts of each channel, one per block it has states in (empty: none), or null for a channel that sweeps. */
  private final Cut[][] cuts;
  private final double[] whole1;
  private final double[] whole2;
  private final ThreadLocal<Scratch> scratch;
  private GaussSeidel sweeps;

  private BlockRemovals(AbsorbingChain chain, int[][] channelStates, Components components, Factors[] blocks) {
    this.chain = chain;
    this.channelStates = channelStates;
    this.components = components;
    this.blocks = blocks;
    int n = chain.n;
    componentOf = new int[n];
    local = new int[n];
    int largest = 1;
    for (int i = 0; i < components.count; i++) {
      largest = Math.max(largest, components.size(i));
      for (int k = components.start[i]; k < components.start[i + 1]; k++) {
        componentOf[components.states[k]] = i;
        local[components.states[k]] = k - components.start[i];
      }
    }
    int blockSize = largest;
    scratch = ThreadLocal.withInitial(() -> new Scratch(n, blockSize));
    cuts = new Cut[channelStates.length][];
    whole1 = new double[n];
    whole2 = new double[n];
    Scratch s = scratch.get();
    pass(null, null, s);
    System.arraycopy(s.x1, 0, whole1, 0, n);
    System.arraycopy(s.x2, 0, whole2, 0, n);
  }

  /**
   * Factors every block of several states and the cuts of the {@code present} channels; null when a block's
   * factorisation would take more than {@code budget} updates.
   */
  static BlockRemovals prepare(AbsorbingChain chain, int[][] channelStates, int[] present, long budget) {
    Components components = Components.of(chain);
    Factors[] blocks = new Factors[components.count];
    for (int i = 0; i < components.count; i++) {
      if (components.size(i) > 1) {
        blocks[i] = Elimination.factor(components.block(chain, i), budget);
        if (blocks[i] == null) {
          return null;
        }
      }
    }
    BlockRemovals removals = new BlockRemovals(chain, channelStates, components, blocks);
    removals.cut(present);
    return removals;
  }

  /** The conversion probability and expected value from the start of the whole chain: {@code {P, V}}. */
  double[] whole() {
    return new double[] {AbsorbingChain.dot(chain.start, whole1), AbsorbingChain.dot(chain.start, whole2)};
  }

  /** {@code {P, V}} with the states of {@code channel} sent to null. */
  double[] without(int channel) {
    int[] states = channelStates[channel];
    if (cuts[channel] == null) {
      return sweeps().startValues(chain.removed(states));
    }
    Scratch s = scratch.get();
    for (int state : states) {
      s.removed[state] = true;
    }
    pass(states, cuts[channel], s);
    for (int state : states) {
      s.removed[state] = false;
    }
    return new double[] {AbsorbingChain.dot(chain.start, s.x1), AbsorbingChain.dot(chain.start, s.x2)};
  }

  private synchronized GaussSeidel sweeps() {
    if (sweeps == null) {
      sweeps = new GaussSeidel(chain);
    }
    return sweeps;
  }

  /**
   * Each channel's states in each block, with the block's {@code N} between them: the block's column of each such
   * state by one solve (two at a time), on both cores.
   */
  private void cut(int[] present) {
    List<List<Use>> uses = new ArrayList<>(Collections.nCopies(chain.n, null));
    List<Cut> all = new ArrayList<>();
    for (int c : present) {
      cuts[c] = cutsOf(channelStates[c]);
      for (Cut cut : cuts[c] == null ? new Cut[0] : cuts[c]) {
        all.add(cut);
        for (int j = 0; j < cut.local.length; j++) {
          int state = components.states[components.start[cut.component] + cut.local[j]];
          if (uses.get(state) == null) {
            uses.set(state, new ArrayList<>());
          }
          uses.get(state).add(new Use(cut, j));
        }
      }
    }
    // The states whose columns are needed, paired within their block for two-column solves.
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < components.count; i++) {
      int waiting = -1;
      for (int k = components.start[i]; k < components.start[i + 1]; k++) {
        int state = components.states[k];
        if (uses.get(state) != null) {
          if (waiting < 0) {
            waiting = state;
          } else {
            pairs.add(new int[] {waiting, state});
            waiting = -1;
          }
        }
      }
      if (waiting >= 0) {
        pairs.add(new int[] {waiting, -1});
      }
    }
    pairs.parallelStream().forEach(pair -> {
      Factors block = blocks[componentOf[pair[0]]];
      Scratch s = scratch.get();
      int m = components.size(componentOf[pair[0]]);
      double[] column1 = new double[m];
      double[] column2 = new double[m];
      column1[local[pair[0]]] = 1;
      if (pair[1] >= 0) {
        column2[local[pair[1]]] = 1;
      }
      block.solve(column1, column2, s.work1, s.work2);
      for (Use use : uses.get(pair[0])) {
        use.cut.setColumn(use.column, column1);
      }
      if (pair[1] >= 0) {
        for (Use use : uses.get(pair[1])) {
          use.cut.setColumn(use.column, column2);
        }
      }
    });
    all.parallelStream().forEach(Cut::decompose);
  }

  /** A column of a cut's {@code N_TT} that a state's column of its block's {@code N} fills. */
  private record Use(Cut cut, int column) {}

  /** The channel's cuts, one per block it has states in; null when one would exceed {@value #CUT_LIMIT} states. */
  private Cut[] cutsOf(int[] states) {
    List<Cut> result = new ArrayList<>();
    int[] sorted = states.clone();
    Arrays.sort(sorted);
    // Group the states by block (a channel's states are in few blocks).
    Integer[] byComponent = Arrays.stream(sorted).boxed().filter(s -> blocks[componentOf[s]] != null)
        .sorted((a, b) -> Integer.compare(componentOf[a], componentOf[b])).toArray(Integer[]::new);
    int from = 0;
    while (from < byComponent.length) {
      int component = componentOf[byComponent[from]];
      int to = from;
      while (to < byComponent.length && componentOf[byComponent[to]] == component) {
        to++;
      }
      if (to - from > CUT_LIMIT) {
        return null;
      }
      int[] locals = new int[to - from];
      for (int k = from; k < to; k++) {
        locals[k - from] = local[byComponent[k]];
      }
      result.add(new Cut(component, locals));
      from = to;
    }
    return result.toArray(Cut[]::new);
  }

  /**
   * The conversion probability and expected value of every state into the scratch's {@code x1}, {@code x2}: the whole
   * chain's ({@code states} null) or with {@code states} (flagged in the scratch) sent to null.
   */
  private void pass(int[] states, Cut[] channelCuts, Scratch s) {
    boolean everything = states == null;
    for (int i = 0; i < components.count; i++) {
      if (blocks[i] == null) {
        single(components.states[components.start[i]], everything, s);
      } else {
        block(i, everything, cutIn(channelCuts, i), s);
      }
    }
  }

  private static Cut cutIn(Cut[] channelCuts, int component) {
    if (channelCuts != null) {
      for (Cut cut : channelCuts) {
        if (cut.component == component) {
          return cut;
        }
      }
    }
    return null;
  }

  /** A state on no loop: from its successors, whose values are final; the pivot sums its outflows (no cancellation). */
  private void single(int state, boolean everything, Scratch s) {
    if (s.removed[state]) {
      s.x1[state] = 0;
      s.x2[state] = 0;
      s.changed[state] = true;
      return;
    }
    boolean changed = everything;
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
        changed |= s.changed[t];
      }
    }
    s.changed[state] = changed;
    s.x1[state] = changed ? v1 / pivot : whole1[state];
    s.x2[state] = changed ? v2 / pivot : whole2[state];
  }

  /** A block of states that loop: its own solve when the channel has states in it or changed what it leads to. */
  private void block(int component, boolean everything, Cut cut, Scratch s) {
    int from = components.start[component];
    int m = components.size(component);
    boolean changed = everything || cut != null;
    double[] y1 = s.block1;
    double[] y2 = s.block2;
    for (int u = 0; u < m; u++) {
      int state = components.states[from + u];
      double v1 = chain.conversionReward[state];
      double v2 = chain.valueReward[state];
      for (int k = chain.rowStart[state]; k < chain.rowStart[state + 1]; k++) {
        int t = chain.column[k];
        if (componentOf[t] != component) {
          v1 += chain.probability[k] * s.x1[t];
          v2 += chain.probability[k] * s.x2[t];
          changed |= s.changed[t];
        }
      }
      y1[u] = v1;
      y2[u] = v2;
    }
    if (changed) {
      double[] b1 = Arrays.copyOf(y1, m);
      double[] b2 = Arrays.copyOf(y2, m);
      blocks[component].solve(b1, b2, s.work1, s.work2);
      if (cut != null) {
        cut.sendToNull(blocks[component], b1, b2, s.work1, s.work2);
      }
      System.arraycopy(b1, 0, y1, 0, m);
      System.arraycopy(b2, 0, y2, 0, m);
    }
    for (int u = 0; u < m; u++) {
      int state = components.states[from + u];
      s.changed[state] = changed;
      s.x1[state] = changed ? Math.max(0, y1[u]) : whole1[state];
      s.x2[state] = changed ? Math.max(0, y2[u]) : whole2[state];
    }
  }

  /** One thread's work space: the values of every state, the channel's states, and room for a block's solves. */
  private static final class Scratch {
    final double[] x1;
    final double[] x2;
    final boolean[] changed;
    final boolean[] removed;
    final double[] block1;
    final double[] block2;
    final double[] work1;
    final double[] work2;

    Scratch(int n, int largestBlock) {
      x1 = new double[n];
      x2 = new double[n];
      changed = new boolean[n];
      removed = new boolean[n];
      block1 = new double[largestBlock];
      block2 = new double[largestBlock];
      work1 = new double[largestBlock];
      work2 = new double[largestBlock];
    }
  }
}
