package io.nexus.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed, validated access to a {@link ModelSpec}'s parameters for model factories; not thread-safe.
 *
 * <p>Every read records the name, so that {@link #checkAllUsed()} can refuse parameters no model understands
 * instead of silently ignoring a typo.
 */
public final class ModelParameters {
  private final ModelSpec spec;
  private final Set<String> used = new HashSet<>();

  /** Parameters of {@code spec}. */
  public ModelParameters(ModelSpec spec) {
    this.spec = spec;
  }

  /** The spec being read. */
  public ModelSpec spec() {
    return spec;
  }

  /** A number in {@code [min, max]}, or {@code fallback} when absent. */
  public double number(String name, double fallback, double min, double max) {
    String raw = raw(name);
    if (raw == null) {
      return fallback;
    }
    double value;
    try {
      value = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw fail(name, raw, "not a number");
    }
    if (!(value >= min && value <= max)) {
      throw fail(name, raw, "must be between " + plain(min) + " and " + plain(max));
    }
    return value;
  }

  /** A number greater than zero, or {@code fallback} when absent. */
  public double positive(String name, double fallback) {
    String raw = raw(name);
    if (raw == null) {
      return fallback;
    }
    double value;
    try {
      value = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw fail(name, raw, "not a number");
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw fail(name, raw, "must be a finite number greater than 0");
    }
    return value;
  }

  /** A whole number in {@code [min, max]}, or {@code fallback} when absent. */
  public int integer(String name, int fallback, int min, int max) {
    String raw = raw(name);
    if (raw == null) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw fail(name, raw, "not a whole number");
    }
    if (value < min || value > max) {
      throw fail(name, raw, "must be between " + min + " and " + max);
    }
    return value;
  }

  /** A whole number of any size, or {@code fallback} when absent. */
  public long longInteger(String name, long fallback) {
    String raw = raw(name);
    if (raw == null) {
      return fallback;
    }
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw fail(name, raw, "not a whole number");
    }
  }

  /** A list of lower-case words separated by {@code |}, or {@code fallback} when absent. */
  public List<String> words(String name, List<String> fallback) {
    String raw = raw(name);
    if (raw == null) {
      return fallback;
    }
    List<String> words = new ArrayList<>();
    for (String word : raw.split("\\|")) {
      if (!word.isBlank()) {
        words.add(word.strip().toLowerCase(Locale.ROOT));
      }
    }
    if (words.isEmpty()) {
      throw fail(name, raw, "must name at least one value (separate several with |)");
    }
    return words;
  }

  /**
   * Checks that weights are non-negative and sum to 1 within 1e-9.
   *
   * @param names the parameter names, for the message
   */
  public void checkWeights(String names, double... weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new InvalidModelException(spec.label(), names, "weights must sum to 1, they sum to " + plain(sum));
    }
  }

  /** Refuses any parameter that no read asked for. */
  public void checkAllUsed() {
    for (String name : spec.parameters().keySet()) {
      if (!used.contains(name)) {
        throw new InvalidModelException(spec.label(), name, "unknown parameter for " + spec.type());
      }
    }
  }

  /** An error about parameter {@code name} with value {@code raw}. */
  public InvalidModelException fail(String name, String raw, String reason) {
    return new InvalidModelException(spec.label(), name + " " + raw, reason);
  }

  private String raw(String name) {
    used.add(name);
    return spec.parameters().get(name);
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
