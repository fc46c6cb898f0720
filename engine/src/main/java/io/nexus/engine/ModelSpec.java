package io.nexus.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model type with its parameters as written by a user, such as {@code markov(order=3)}; immutable and thread-safe.
 *
 * @param type the model type, lower case, such as {@code time_decay}
 * @param parameters the parameters by name in the order given, values as written
 */
public record ModelSpec(String type, Map<String, String> parameters) implements Serializable {

  public ModelSpec {
    if (type == null || type.isBlank()) {
      throw new InvalidModelException(String.valueOf(type), null, "model type must not be blank");
    }
    type = type.strip().toLowerCase(Locale.ROOT);
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters == null ? Map.of() : parameters));
  }

  /** A spec of the given type without parameters. */
  public static ModelSpec of(String type) {
    return new ModelSpec(type, Map.of());
  }

  /**
   * Parses {@code type} or {@code type(name=value, ...)}.
   *
   * @throws InvalidModelException when the text is not of that form
   */
  public static ModelSpec parse(String text) {
    String s = text.strip();
    int open = s.indexOf('(');
    if (open < 0) {
      if (s.contains(")") || s.contains("=")) {
        throw new InvalidModelException(s, null, "expected type or type(name=value,...)");
      }
      return of(s);
    }
    if (!s.endsWith(")")) {
      throw new InvalidModelException(s, null, "missing closing parenthesis");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    String body = s.substring(open + 1, s.length() - 1).strip();
    if (!body.isEmpty()) {
      for (String pair : body.split("[,;]")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new InvalidModelException(s, pair.strip(), "expected name=value");
        }
        String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        if (parameters.put(name, pair.substring(eq + 1).strip()) != null) {
          throw new InvalidModelException(s, name, "given twice");
        }
      }
    }
    return new ModelSpec(s.substring(0, open), parameters);
  }

  /**
   * Parses a comma-separated list of specs; commas inside parentheses belong to the parameters.
   *
   * @throws InvalidModelException when an entry is empty or malformed
   */
  public static List<ModelSpec> parseList(String text) {
    List<ModelSpec> specs = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ',';
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        String item = text.substring(from, i).strip();
        if (item.isEmpty()) {
          throw new InvalidModelException(text, null, "empty model name in list");
        }
        specs.add(parse(item));
        from = i + 1;
      }
    }
    return specs;
  }

  /** The spec as text, {@code type} or {@code type(name=value,...)}: the model's label in outputs. */
  public String label() {
    if (parameters.isEmpty()) {
      return type;
    }
    StringBuilder label = new StringBuilder(type).append('(');
    parameters.forEach((k, v) -> label.append(k).append('=').append(v).append(','));
    label.setCharAt(label.length() - 1, ')');
    return label.toString();
  }

  /** This spec with one more parameter, unless the user already set it. */
  public ModelSpec withDefault(String name, String value) {
    if (parameters.containsKey(name)) {
      return this;
    }
    Map<String, String> more = new LinkedHashMap<>(parameters);
    more.put(name, value);
    return new ModelSpec(type, more);
  }

  @Override
  public String toString() {
    return label();
  }
}
