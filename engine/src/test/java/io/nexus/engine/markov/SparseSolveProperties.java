package io.nexus.engine.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** On random chains of orders 1 to 4, the sparse solve gives the dense LU's numbers to 1e-9. */
class SparseSolveProperties {
  private static final double AGREEMENT = 1e-9;

  @Property(tries = 60)
  void sparseRemovalsAgreeWithDenseOnesOnRandomChains(@ForAll @IntRange(min = 1, max = 4) int order,
      @ForAll @IntRange(min = 1, max = 60) int channels, @ForAll @IntRange(min = 1, max = 300) int paths,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    SparseSolveTest.assertAgreement(SparseSolveTest.statistics(order, channels, paths, seed));
  }

  @Property(tries = 60)
  void blockRemovalsAgreeWithDenseOnesOnRandomChainsOfOrdersTwoToFour(
      @ForAll @IntRange(min = 2, max = 4) int order, @ForAll @IntRange(min = 1, max = 60) int channels,
      @ForAll @IntRange(min = 1, max = 300) int paths, @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 8) int cutLimit) {
    // Directly, whatever the number of channels (removals() takes this way from 65 channels of several states on);
    // small cut limits have some blocks factored again without the channel's states.
    MarkovStatistics stats = SparseSolveTest.statistics(order, channels, paths, seed);
    AbsorbingChain chain = MarkovSolver.chain(stats);
    int[][] channelStates = MarkovSolver.channelStates(stats.states, stats.channels.size());
    int[] present = IntStream.range(0, channelStates.length).filter(c -> channelStates[c] != null).toArray();
    BlockRemovals removals = BlockRemovals.prepare(chain, channelStates, present, Long.MAX_VALUE, cutLimit);
    double[] whole = chain.denseStartValues(null);
    assertThat(removals.whole()[0]).isCloseTo(whole[0], within(AGREEMENT * whole[0]));
    assertThat(removals.whole()[1]).isCloseTo(whole[1], within(AGREEMENT * whole[1]));
    for (int c : present) {
      double[] dense = chain.denseStartValues(chain.removed(channelStates[c]));
      double[] cut = removals.without(c);
      assertThat(cut[0]).as("channel %d", c).isCloseTo(dense[0], within(AGREEMENT * whole[0]));
      assertThat(cut[1]).as("channel %d", c).isCloseTo(dense[1], within(AGREEMENT * whole[1]));
    }
  }
}
