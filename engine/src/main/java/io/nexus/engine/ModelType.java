package io.nexus.engine;

import java.util.List;
import java.util.Objects;

/**
 * A model type the registry ({@link Models}) knows: its name and aliases, its parameters with their defaults, and what
 * kind of model it builds; immutable and thread-safe.
 *
 * @param name the type's name, lower case, such as {@code time_decay}
 * @param aliases other names that build the same model, such as {@code u_shaped} for {@code position_based}
 * @param description what the model does, in one sentence
 * @param parameters the parameters it accepts, in the order help lists them
 * @param dataDriven whether it learns from many journeys (Markov, Shapley, counterfactual) rather than applying a rule
 * @param additive whether a journey's credits add up to its value; participation's do not
 */
public record ModelType(String name, List<String> aliases, String description, List<Parameter> parameters,
    boolean dataDriven, boolean additive) {

  public ModelType {
    Objects.requireNonNull(name, "name");
    aliases = List.copyOf(aliases);
    parameters = List.copyOf(parameters);
  }

  /** The parameter named {@code parameterName}, or {@code null} when the type has none of that name. */
  public Parameter parameter(String parameterName) {
    for (Parameter p : parameters) {
      if (p.name().equals(parameterName)) {
        return p;
      }
    }
    return null;
  }

  /** The type as help shows it: {@code time_decay(half_life=7)}, parameters without a default left out. */
  public String withDefaults() {
    StringBuilder text = new StringBuilder(name);
    String separator = "(";
    for (Parameter p : parameters) {
      if (p.defaultValue() != null) {
        text.append(separator).append(p.name()).append('=').append(p.defaultValue());
        separator = ",";
      }
    }
    return separator.equals(",") ? text.append(')').toString() : text.toString();
  }

  /**
   * One parameter of a model type: what values it takes and its default.
   *
   * @param name the parameter's name, lower case
   * @param kind what values it takes
   * @param defaultValue its value when not given, as written, or {@code null} when leaving it out means something
   *     of its own (such as {@code last_non_direct} going by each channel's direct flag)
   * @param min the smallest value of a {@link Kind#NUMBER} or {@link Kind#INTEGER}
   * @param max the largest value of a {@link Kind#NUMBER} or {@link Kind#INTEGER}
   * @param description what it does, in a few words
   */
  public record Parameter(String name, Kind kind, String defaultValue, double min, double max, String description) {

    /** What values a parameter takes. */
    public enum Kind {
      /** A number in {@code [min, max]}. */
      NUMBER,
      /** A finite number greater than zero. */
      POSITIVE_NUMBER,
      /** A whole number in {@code [min, max]}. */
      INTEGER,
      /** A whole number of any size (64 bits). */
      LONG,
      /** Lower-case words separated by {@code |}. */
      WORDS
    }

    /** A number in {@code [min, max]}. */
    public static Parameter number(String name, String defaultValue, double min, double max, String description) {
      return new Parameter(name, Kind.NUMBER, defaultValue, min, max, description);
    }

    /** A finite number greater than zero. */
    public static Parameter positive(String name, String defaultValue, String description) {
      return new Parameter(name, Kind.POSITIVE_NUMBER, defaultValue, 0, Double.MAX_VALUE, description);
    }

    /** A whole number in {@code [min, max]}. */
    public static Parameter integer(String name, String defaultValue, int min, int max, String description) {
      return new Parameter(name, Kind.INTEGER, defaultValue, min, max, description);
    }

    /** A whole number of any size. */
    public static Parameter whole(String name, String defaultValue, String description) {
      return new Parameter(name, Kind.LONG, defaultValue, Long.MIN_VALUE, Long.MAX_VALUE, description);
    }

    /** Words separated by {@code |}. */
    public static Parameter words(String name, String defaultValue, String description) {
      return new Parameter(name, Kind.WORDS, defaultValue, 0, 0, description);
    }
  }
}
