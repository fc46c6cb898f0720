package io.nexus.engine.markov;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.stream.IntStream;

/**
 * Exact removals of channels of several states (orders 2 to 4) for many channels: one pass per channel over the
 * chain's strongly connected components, those that paths lead to first. A state on no loop is solved from its
 * successors; a block of states that loop (one block of a few thousand states holds all the loops of an order-2 chain
 * of 3,000 channels) is solved with its own sparse factors, computed once, and the channel's states in it are sent to
 * null by the block rank-one update ({@link Cut}). States that reach none of the channel's keep the whole chain's
 * values, so a block they form is not solved again. A channel with so many states in a block that their
 * {@code N_TT} would cost more than the block's factorisation has the block factored again without them instead.
 * Thread-safe once prepared.
 */
final class BlockRemovals {
  /** The columns of a block's {@code N} solved together (each entry of the factors read once for all). */
  private static final int COLUMNS = 8;

  private final AbsorbingChain chain;
  private final int[][] channelStates;
  private final Components components;
  private final int[] componentOf;
  /** The factors of each block of several states, by component; null for a state alone. */
  private final Factors[] blocks;
  /** Each state's index in its block. */
  private final int[] local;
  /** The cuts of each channel, one per block it has states in. */
  private final Cut[][] cuts;
  private final int cutLimit;
  private final BlockPass pass;

  private BlockRemovals(AbsorbingChain chain, int[][] channelStates, Components components, Factors[] blocks,
      int cutLimit) {
    this.chain = chain;
    this.cutLimit = cutLimit;
    this.channelStates = channelStates;
    this.components = components;
    this.blocks = blocks;
    componentOf = new int[chain.n];
    local = new int[chain.n];
    for (int i = 0; i < components.count; i++) {
      for (int k = components.start[i]; k < components.start[i + 1]; k++) {
        componentOf[components.states[k]] = i;
        local[components.states[k]] = k - components.start[i];
      }
    }
    cuts = new Cut[channelStates.length][];
    pass = new BlockPass(chain, components, componentOf, blocks);
  }

  /**
   * Factors every block of several states and the cuts of the {@code present} channels; null when a block's
   * factorisation would take more than {@code budget} updates. A channel with more than {@code cutLimit} states in
   * one block (or more than its factorisation is worth) has the block factored again without them.
   */
  static BlockRemovals prepare(AbsorbingChain chain, int[][] channelStates, int[] present, long budget,
      int cutLimit) {
    return prepare(chain, channelStates, present, budget, cost -> false, cutLimit);
  }

  /**
   * As {@link #prepare(AbsorbingChain, int[][], int[], long, int)}; null too when {@code sweepsCheaper} accepts the
   * estimated multiplications of the blocks' factorisations and of the columns of {@code N} the channels need.
   */
  static BlockRemovals prepare(AbsorbingChain chain, int[][] channelStates, int[] present, long budget,
      DoublePredicate sweepsCheaper, int cutLimit) {
    Components components = Components.of(chain);
    Factors[] blocks = new Factors[components.count];
    double cost = 0;
    for (int i = 0; i < components.count; i++) {
      if (components.size(i) > 1) {
        blocks[i] = Elimination.factor(components.block(chain, i, null), budget);
        if (blocks[i] == null) {
          return null;
        }
        cost += blocks[i].cost();
      }
    }
    BlockRemovals removals = new BlockRemovals(chain, channelStates, components, blocks, cutLimit);
    cost += removals.columnsCost(present);
    if (sweepsCheaper.test(cost)) {
      return null;
    }
    removals.cut(present);
    return removals;
  }

  /** The conversion probability and expected value from the start of the whole chain: {@code {P, V}}. */
  double[] whole() {
    return pass.whole();
  }

  /** {@code {P, V}} with the states of {@code channel} sent to null. */
  double[] without(int channel) {
    int[] states = channelStates[channel];
    return pass.without(states, cuts[channel]);
  }

  /**
   * Each channel's states in each block, with the block's {@code N} between them: the block's column of each such
   * state by one solve ({@value #COLUMNS} at a time), on both cores.
   */
  private void cut(int[] present) {
    List<List<Use>> uses = new ArrayList<>(Collections.nCopies(chain.n, null));
    List<Cut> all = new ArrayList<>();
    for (int c : present) {
      cuts[c] = cutsOf(channelStates[c]);
      for (Cut cut : cuts[c]) {
        if (cut.refactors()) {
          continue;
        }
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
    // The states whose columns are needed, in batches within their block for solves of several columns at once.
    List<int[]> batches = new ArrayList<>();
    for (int i = 0; i < components.count; i++) {
      int[] needed = IntStream.range(components.start[i], components.start[i + 1]).map(k -> components.states[k])
          .filter(state -> uses.get(state) != null).toArray();
      for (int from = 0; from < needed.length; from += COLUMNS) {
        batches.add(Arrays.copyOfRange(needed, from, Math.min(needed.length, from + COLUMNS)));
      }
    }
    batches.parallelStream().forEach(batch -> {
      int component = componentOf[batch[0]];
      int m = components.size(component);
      int count = batch.length;
      double[] columns = new double[m * count];
      for (int r = 0; r < count; r++) {
        columns[local[batch[r]] * count + r] = 1;
      }
      blocks[component].solve(columns, count, new double[m * count]);
      for (int r = 0; r < count; r++) {
        for (Use use : uses.get(batch[r])) {
          use.cut.setColumn(use.column, columns, count, r);
        }
      }
    });
    all.parallelStream().forEach(Cut::decompose);
  }

  /** Roughly the multiplications of the block columns the channels' states need: one column's solve each. */
  private double columnsCost(int[] present) {
    boolean[] needed = new boolean[chain.n];
    double cost = 0;
    for (int c : present) {
      for (int state : channelStates[c]) {
        Factors block = blocks[componentOf[state]];
        if (block != null && !needed[state]) {
          needed[state] = true;
          cost += block.solveCost();
        }
      }
    }
    return cost;
  }

  /** The multiplications of an LU decomposition of order {@code m}. */
  private static double cubed(int m) {
    return (double) m * m * m / 3;
  }

  /** A column of a cut's {@code N_TT} that a state's column of its block's {@code N} fills. */
  private record Use(Cut cut, int column) {}

  /** The channel's cuts, one per block it has states in. */
  private Cut[] cutsOf(int[] states) {
    List<Cut> result = new ArrayList<>();
    // The states in blocks, grouped by block (a channel's states are in few blocks), in state order within each.
    Integer[] byComponent = Arrays.stream(states).boxed().filter(s -> blocks[componentOf[s]] != null)
        .sorted((a, b) -> Integer.compare(componentOf[a], componentOf[b])).toArray(Integer[]::new);
    int from = 0;
    while (from < byComponent.length) {
      int component = componentOf[byComponent[from]];
      int to = from;
      while (to < byComponent.length && componentOf[byComponent[to]] == component) {
        to++;
      }
      int[] locals = new int[to - from];
      for (int k = from; k < to; k++) {
        locals[k - from] = local[byComponent[k]];
      }
      boolean refactors = locals.length > cutLimit || cubed(locals.length) > blocks[component].cost();
      result.add(new Cut(component, locals, refactors));
      from = to;
    }
    return result.toArray(Cut[]::new);
  }
}
