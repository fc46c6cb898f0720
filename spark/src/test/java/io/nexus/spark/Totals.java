package io.nexus.spark;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.data.Offset.offset;

import java.util.List;
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

  /**
   * Totals files as lines: every line the command line's, byte for byte, but for the data-driven models' numbers
   * (Markov, Shapley), which may differ in the last digits (their statistics are summed in another order) and are held
   * to 1e-12 relative.
   */
  static void assertSameLines(List<String> actual, List<String> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.size(); i++) {
      String want = expected.get(i);
      if (!want.startsWith("markov") && !want.startsWith("shapley")) {
        assertThat(actual.get(i)).isEqualTo(want);
        continue;
      }
      String[] got = actual.get(i).split(",");
      String[] wanted = want.split(",");
      assertThat(got[0] + "," + got[1]).isEqualTo(wanted[0] + "," + wanted[1]);
      for (int k = 2; k < 4; k++) {
        double w = Double.parseDouble(wanted[k]);
        assertThat(Double.parseDouble(got[k])).as(want).isCloseTo(w, offset(1e-12 * Math.max(1, Math.abs(w))));
      }
    }
  }
}
