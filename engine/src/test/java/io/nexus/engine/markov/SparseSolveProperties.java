package io.nexus.engine.markov;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** On random chains of orders 1 to 4, the sparse solve gives the dense LU's numbers to 1e-9. */
class SparseSolveProperties {
  @Property(tries = 60)
  void sparseRemovalsAgreeWithDenseOnesOnRandomChains(@ForAll @IntRange(min = 1, max = 4) int order,
      @ForAll @IntRange(min = 1, max = 60) int channels, @ForAll @IntRange(min = 1, max = 300) int paths,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    SparseSolveTest.assertAgreement(SparseSolveTest.statistics(order, channels, paths, seed));
  }
}
