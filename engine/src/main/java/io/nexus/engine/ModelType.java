package io.nexus.engine;

import java.util.List;

/**
 * A model type the registry builds, as users write it: its name, the other names it answers to, and its parameters
 * with their defaults; immutable and thread-safe.
 *
 * @param name the type's name, such as {@code position_based}
 * @param aliases other names of the same type, such as {@code u_shaped}
 * @param parameters the parameters it takes, in the order users usually write them
 * @param dataDriven whether it learns from journeys, converting and not, before it credits any
 */
public record ModelType(String name, List<String> aliases, List<Parameter> parameters, boolean dataDriven) {

  public ModelType {
    aliases = List.copyOf(aliases);
    parameters = List.copyOf(parameters);
  }

  /**
   * A parameter of a model type.
   *
   * @param name its name, such as {@code half_life}
   * @param defaultValue its value when not given, as users write it, or {@code null} when there is none to write
   * @param meaning what it sets, in a few words
   */
  public record Parameter(String name, String defaultValue, String meaning) {}

  /** The type written with every default spelled out, such as {@code time_decay(half_life=7)}. */
  public String usage() {
    StringBuilder usage = new StringBuilder(name);
    String separator = "(";
    for (Parameter parameter : parameters) {
      if (parameter.defaultValue() != null) {
        usage.append(separator).append(parameter.name()).append('=').append(parameter.defaultValue());
        separator = ",";
      }
    }
    return separator.equals(",") ? usage.append(')').toString() : usage.toString();
  }
}
