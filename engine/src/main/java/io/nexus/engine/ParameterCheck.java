package io.nexus.engine;

import io.nexus.engine.ModelType.Parameter;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Checks a parameter value as written against its declaration and writes it in one form, so that equal values read
 * alike ({@code 0.40} and {@code 0.4}, {@code mql|lead} and {@code lead|mql}); stateless.
 */
final class ParameterCheck {
  private ParameterCheck() {}

  /**
   * {@code raw} in its one form.
   *
   * @param model the model as written, for the message
   * @throws InvalidModelException naming the parameter and its value when {@code raw} is not a value of it
   */
  static String normalized(String model, Parameter parameter, String raw) {
    String name = parameter.name();
    switch (parameter.kind()) {
      case NUMBER -> {
        double value = parseDouble(model, name, raw);
        if (!(value >= parameter.min() && value <= parameter.max())) {
          throw fail(model, name, raw, "must be between " + DecimalText.plain(parameter.min()) + " and "
              + DecimalText.plain(parameter.max()));
        }
        return DecimalText.plain(value);
      }
      case POSITIVE_NUMBER -> {
        double value = parseDouble(model, name, raw);
        if (!(value > 0) || Double.isInfinite(value)) {
          throw fail(model, name, raw, "must be a finite number greater than 0");
        }
        return DecimalText.plain(value);
      }
      case INTEGER -> {
        int value;
        try {
          value = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
          throw fail(model, name, raw, "not a whole number");
        }
        if (value < parameter.min() || value > parameter.max()) {
          throw fail(model, name, raw, "must be between " + (long) parameter.min() + " and " + (long) parameter.max());
        }
        return Integer.toString(value);
      }
      case LONG -> {
        try {
          return Long.toString(Long.parseLong(raw.strip()));
        } catch (NumberFormatException e) {
          throw fail(model, name, raw, "not a whole number");
        }
      }
      default -> {
        TreeSet<String> words = new TreeSet<>();
        for (String word : raw.split("\\|")) {
          if (!word.isBlank()) {
            words.add(word.strip().toLowerCase(Locale.ROOT));
          }
        }
        if (words.isEmpty()) {
          throw fail(model, name, raw, "must name at least one value (separate several with |)");
        }
        return String.join("|", words);
      }
    }
  }

  private static double parseDouble(String model, String name, String raw) {
    try {
      return Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw fail(model, name, raw, "not a number");
    }
  }

  private static InvalidModelException fail(String model, String name, String raw, String reason) {
    return new InvalidModelException(model, name + " " + raw, reason);
  }
}
