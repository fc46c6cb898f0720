package io.nexus.engine;

import java.math.BigDecimal;

/**
 * Writes doubles as decimal text for people and files: every digit needed to read the same double back, never an
 * exponent; stateless and thread-safe.
 */
public final class DecimalText {
  private DecimalText() {}

  /** {@code d} in plain decimal notation with the shortest digits that round-trip: {@code 2}, {@code 0.1}. */
  public static String plain(double d) {
    if (d == 0) {
      return "0";
    }
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }
}
