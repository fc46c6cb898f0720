package io.nexus.engine.markov;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many updates the whole chain's sweeps take, worked by hand on a chain of two states. */
class GaussSeidelTest {
  /**
   * The start enters state 0, which always goes to state 1; state 1 converts (value 10). Deepest first, the first
   * sweep sets {@code x1 = 1}, then {@code x0 = 1}; the second changes nothing. Each sweep updates 2 states over 1
   * transition: 3 updates, 6 in all.
   */
  private static final AbsorbingChain CHAIN = new AbsorbingChain(2, new int[] {0, 1, 1}, new int[] {1},
      new double[] {1}, new double[] {0, 1}, new double[] {0, 1}, new double[] {0, 10}, new double[] {1, 0});

  @Test
  void theWholeSolveConvergesWithinTheUpdatesOfTwoSweeps() {
    assertThat(new GaussSeidel(CHAIN).convergesWithin(6)).isTrue();
  }

  @Test
  void fewerUpdatesThanTwoSweepsAreNotEnough() {
    assertThat(new GaussSeidel(CHAIN).convergesWithin(5.9)).isFalse();
  }

  @Test
  void theSweepsGiveTheConversionAndItsValue() {
    assertThat(new GaussSeidel(CHAIN).startValues(null)).containsExactly(1, 10);
  }
}
