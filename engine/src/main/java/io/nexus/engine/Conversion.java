package io.nexus.engine;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A conversion (purchase, sign-up, lead) with the revenue it brought; immutable and thread-safe.
 *
 * @param timestamp when the conversion happened
 * @param type the kind of conversion, lower case, such as {@code purchase}
 * @param revenue the value of the conversion, never negative
 */
public record Conversion(Instant timestamp, String type, BigDecimal revenue) implements Serializable {

  /** The type given to conversions that do not say what they are. */
  public static final String DEFAULT_TYPE = "purchase";

  public Conversion {
    Objects.requireNonNull(timestamp, "timestamp");
    type = type == null || type.isBlank() ? DEFAULT_TYPE : type.strip().toLowerCase(Locale.ROOT);
    revenue = revenue == null ? BigDecimal.ZERO : revenue;
    if (revenue.signum() < 0) {
      throw new IllegalArgumentException("revenue must not be negative: " + revenue);
    }
  }

  /** A purchase of the given value. */
  public static Conversion of(Instant timestamp, BigDecimal revenue) {
    return new Conversion(timestamp, DEFAULT_TYPE, revenue);
  }
}
