package io.nexus.engine.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.JourneyBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sparse solve of large chains gives the dense LU's numbers, removal by removal. */
class SparseSolveTest {
  private static final double AGREEMENT = 1e-9;

  @Test
  void aChainWithADenseCoreAgreesToo() {
    // 150 channels with a skewed mix: the popular ones form a core that the elimination finishes as a dense block.
    MarkovStatistics stats = statistics(1, 150, 3000, 11);
    assertThat(stats.states.size()).isGreaterThan(AbsorbingChain.DENSE_LIMIT);
    assertAgreement(stats);
  }

  @Test
  void higherOrderChannelsOfSeveralStatesAgree() {
    MarkovStatistics stats = statistics(3, 8, 2000, 5);
    assertThat(stats.states.size()).isGreaterThan(AbsorbingChain.DENSE_LIMIT);
    assertAgreement(stats);
  }

  @Test
  void manyChannelsOfSeveralStatesAreCutFromTheLoopsFactorsAndAgree() {
    // Order 2 over 400 channels: more than 64 channels of several states each, so removals() solves each removal
    // over the chain's components, cutting the channel's states in a loop from that loop's factors (BlockRemovals).
    MarkovStatistics stats = statistics(2, 400, 250, 3);
    int[][] channelStates = MarkovSolver.channelStates(stats.states, stats.channels.size());
    assertThat(Arrays.stream(channelStates).filter(states -> states != null && states.length > 1).count())
        .isGreaterThan(64);
    assertAgreement(stats);
  }

  @Test
  void sweepsAgreeWithTheDenseSolveToTwelveDigitsWhereEliminationWouldFillIn() {
    for (int order = 3; order <= 4; order++) {
      MarkovStatistics stats = statistics(order, 6, 1500, order);
      AbsorbingChain chain = MarkovSolver.chain(stats);
      int[][] channelStates = MarkovSolver.channelStates(stats.states, stats.channels.size());
      GaussSeidel sweeps = new GaussSeidel(chain);
      double[] whole = chain.denseStartValues(null);
      assertThat(sweeps.startValues(null)[0]).isCloseTo(whole[0], within(1e-12 * whole[0]));
      assertThat(sweeps.startValues(null)[1]).isCloseTo(whole[1], within(1e-12 * whole[1]));
      for (int[] states : channelStates) {
        boolean[] removed = new boolean[chain.n];
        for (int s : states) {
          removed[s] = true;
        }
        double[] dense = chain.denseStartValues(removed);
        double[] swept = sweeps.startValues(removed);
        assertThat(swept[0]).isCloseTo(dense[0], within(1e-12 * whole[0]));
        assertThat(swept[1]).isCloseTo(dense[1], within(1e-12 * whole[1]));
      }
    }
  }

  @Test
  void theInverseDiagonalIsTheExpectedVisitsOfAStateFromItself() {
    // a -> b -> a with a return probability of 0.5 * 0.5: N(a,a) = 1 / (1 - 0.25).
    AbsorbingChain chain = new AbsorbingChain(2, new int[] {0, 1, 2}, new int[] {1, 0}, new double[] {0.5, 0.5},
        new double[] {0.5, 0.5}, new double[] {0.5, 0}, new double[] {5, 0}, new double[] {1, 0});
    Factors factors = Elimination.factor(chain);
    double[] diagonal = factors.inverseDiagonal();
    assertThat(diagonal[0]).isCloseTo(4.0 / 3, within(1e-15));
    assertThat(diagonal[1]).isCloseTo(4.0 / 3, within(1e-15));
    assertThat(factors.absorption()[0][0]).isCloseTo(0.5 / 0.75, within(1e-15));
    assertThat(factors.visits(chain.start)[1]).isCloseTo(0.5 / 0.75, within(1e-15));
  }

  static void assertAgreement(MarkovStatistics stats) {
    AbsorbingChain chain = MarkovSolver.chain(stats);
    int[][] channelStates = MarkovSolver.channelStates(stats.states, stats.channels.size());
    double[][] dense = chain.removals(channelStates, true);
    double[][] sparse = chain.removals(channelStates, false);
    assertThat(sparse[0][0]).isCloseTo(dense[0][0], within(AGREEMENT * dense[0][0]));
    assertThat(sparse[1][0]).isCloseTo(dense[1][0], within(AGREEMENT * dense[1][0]));
    for (int c = 0; c < channelStates.length; c++) {
      if (channelStates[c] == null) {
        continue;
      }
      boolean[] removed = new boolean[chain.n];
      for (int s : channelStates[c]) {
        removed[s] = true;
      }
      // Whichever way removals() chose, and the per-channel elimination on its own (orders 2-4 with many channels).
      double[] eliminated = Elimination.startValues(chain, removed);
      for (int measure = 0; measure < 2; measure++) {
        double full = dense[measure][0];
        // Removal effects 1 - without / full agree to 1e-9, and so do the values themselves relative to the whole.
        assertThat(sparse[measure][1 + c]).as("channel %d, measure %d", c, measure)
            .isCloseTo(dense[measure][1 + c], within(AGREEMENT * full));
        assertThat(eliminated[measure]).as("channel %d eliminated, measure %d", c, measure)
            .isCloseTo(dense[measure][1 + c], within(AGREEMENT * full));
      }
    }
  }

  /** Paths over a skewed channel mix, repeats included, with random conversions, values and nulls. */
  static MarkovStatistics statistics(int order, int channels, int paths, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] names = new String[channels];
    for (int c = 0; c < channels; c++) {
      names[c] = "c" + c;
    }
    JourneyBatch.Builder builder = JourneyBatch.builder(ChannelDictionary.of(names));
    for (int p = 0; p < paths; p++) {
      int length = 1 + random.nextInt(8);
      List<String> path = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        double u = random.nextDouble();
        int c = (int) (channels * u * u * u);
        path.add(i > 0 && random.nextInt(5) == 0 ? path.get(i - 1) : names[c]);
      }
      int conversions = random.nextInt(3);
      int nulls = random.nextInt(3) + (conversions == 0 ? 1 : 0);
      builder.addPath(path, conversions, conversions * (10 + random.nextInt(90)), nulls);
    }
    JourneyBatch batch = builder.build();
    MarkovStatistics stats = new MarkovStatistics(order, batch.channels());
    stats.addAll(batch);
    return stats;
  }
}
