package io.nexus.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/** Comparisons of channel totals files, the contract the Spark job shares with the command line. */
final class Totals {
  static final double RELATIVE = 1e-9;

  private Totals() {}

  /** The same models and channels in the same order, every number within 1e-9 relative (absolute near zero). */
  static void assertSame(Map<String, double[]> actual, Map<String, double[]> expected) {
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    for (Map.Entry<String, double[]> e : expected.entrySet()) {
      double[] got = actual.get(e.getKey());
      for (int k = 0; k < 2; k++) {
        double want = e.getValue()[k];
        assertThat(Math.abs(got[k] - want))
            .as("%s %s: spark %s, command line %s", e.getKey(), k == 0 ? "conversions" : "value", got[k], want)
            .isLessThanOrEqualTo(RELATIVE * Math.max(1, Math.abs(want)));
      }
    }
  }
}
