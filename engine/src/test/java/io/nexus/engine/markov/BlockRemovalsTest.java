package io.nexus.engine.markov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Removals over the chain's loops and the states on none, worked by hand on a chain of four states. */
class BlockRemovalsTest {
  /**
   * The start enters state 0. State 0 converts (value 10) with 0.5 and goes to 1 with 0.5; 1 goes to 3 with 0.5, to
   * 2 with 0.25 and to null with 0.25; 3 goes back to 0 with 0.5 (else null); 2 converts (value 20) with 0.5 (else
   * null). States 0, 1, 3 loop; 2 is on no loop. Whole: {@code x2 = 1/2}, {@code x3 = x0/2},
   * {@code x1 = x3/2 + 1/8}, {@code x0 = 1/2 + x1/2}, so {@code P = x0 = 9/14}; values {@code V = 50/7}.
   */
  private static final AbsorbingChain CHAIN = new AbsorbingChain(4, new int[] {0, 1, 3, 3, 4},
      new int[] {1, 2, 3, 0}, new double[] {0.5, 0.25, 0.5, 0.5}, new double[] {0.5, 0.25, 1, 0.5},
      new double[] {0.5, 0, 0.5, 0}, new double[] {5, 0, 10, 0}, new double[] {1, 0, 0, 0});
  /** Channel 0 holds states 1 and 3 (two of the loop), channel 1 state 3, channel 2 state 2, channel 3 state 0. */
  private static final int[][] CHANNELS = {{1, 3}, {3}, {2}, {0}};

  @Test
  void theLoopIsOneComponentAfterTheStateItLeadsTo() {
    Components components = Components.of(CHAIN);
    assertThat(components.count).isEqualTo(2);
    assertThat(components.states[0]).isEqualTo(2);
    assertThat(components.size(1)).isEqualTo(3);
  }

  @Test
  void theWholeChainConvertsNineFourteenthsWorthFiftySevenths() {
    double[] whole = prepare(Integer.MAX_VALUE).whole();
    assertThat(whole[0]).isCloseTo(9.0 / 14, within(1e-15));
    assertThat(whole[1]).isCloseTo(50.0 / 7, within(1e-14));
  }

  @Test
  void removingTwoStatesOfTheLoopLeavesStateZerosOwnConversion() {
    // x1 = x3 = 0: x0 = 1/2, value 5.
    double[] without = prepare(Integer.MAX_VALUE).without(0);
    assertThat(without[0]).isCloseTo(0.5, within(1e-15));
    assertThat(without[1]).isCloseTo(5, within(1e-14));
  }

  @Test
  void removingOneStateOfTheLoopKeepsTheWayThroughStateTwo() {
    // x3 = 0: x1 = 1/8, x0 = 1/2 + 1/16 = 9/16; values x1 = 5/2, x0 = 5 + 5/4.
    double[] without = prepare(Integer.MAX_VALUE).without(1);
    assertThat(without[0]).isCloseTo(9.0 / 16, within(1e-15));
    assertThat(without[1]).isCloseTo(6.25, within(1e-14));
  }

  @Test
  void removingAStateTheLoopLeadsToSolvesTheLoopAgain() {
    // x2 = 0: x1 = x0/4, x0 = 1/2 + x0/8 = 4/7; values x0 = 5 + x0/8 = 40/7.
    double[] without = prepare(Integer.MAX_VALUE).without(2);
    assertThat(without[0]).isCloseTo(4.0 / 7, within(1e-15));
    assertThat(without[1]).isCloseTo(40.0 / 7, within(1e-14));
  }

  @Test
  void removingTheStartsOnlyStateLeavesNothing() {
    assertThat(prepare(Integer.MAX_VALUE).without(3)).containsExactly(0, 0);
  }

  @Test
  void aChannelWithMoreStatesInALoopThanTheLimitHasTheLoopFactoredWithoutThemToTheSameNumbers() {
    double[] without = prepare(1).without(0);
    assertThat(without[0]).isCloseTo(0.5, within(1e-15));
    assertThat(without[1]).isCloseTo(5, within(1e-14));
  }

  @Test
  void blocksThatCostMoreThanSweepingAreNotPrepared() {
    int[] present = IntStream.range(0, CHANNELS.length).toArray();
    assertThat(BlockRemovals.prepare(CHAIN, CHANNELS, present, Long.MAX_VALUE, cost -> cost > 0, Integer.MAX_VALUE))
        .isNull();
  }

  private static BlockRemovals prepare(int cutLimit) {
    return BlockRemovals.prepare(CHAIN, CHANNELS, IntStream.range(0, CHANNELS.length).toArray(), Long.MAX_VALUE,
        cutLimit);
  }
}
