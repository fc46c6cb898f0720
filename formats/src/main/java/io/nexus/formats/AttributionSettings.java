package io.nexus.formats;

import io.nexus.engine.AttributionModel;
import io.nexus.engine.InvalidModelException;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.ModelType;
import io.nexus.engine.Models;
import io.nexus.engine.PathTransform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every attribution front end lets users set — models, Markov order, lookback, path transform, path separator —
 * with the defaults and checks they share, so that {@code nexus attribute} and the Spark job read them alike (channel
 * rules are read alike by {@code ChannelRulesFile}). Each front end parses its own
 * arguments into one of these, under the option names below. Immutable and thread-safe.
 *
 * @param models comma-separated models, parameters in parentheses: {@code linear,markov(order=2)}
 * @param order the Markov order for {@code markov} models that set none
 * @param lookbackDays touchpoints: the days before a conversion whose touches count
 * @param transform the path transform's name: {@code unique}, {@code exposure} or {@code first}
 * @param pathSeparator paths: what joins channels in a path
 */
public record AttributionSettings(String models, int order, double lookbackDays, String transform,
    String pathSeparator) {
  /** The models run when a user names none. */
  public static final String DEFAULT_MODELS = "first_touch,last_touch,linear,position_based,markov";
  /** The Markov order when a user sets none. */
  public static final String DEFAULT_ORDER = "1";
  /** The lookback window in days when a user sets none. */
  public static final String DEFAULT_LOOKBACK_DAYS = "30";
  /** The path transform when a user sets none. */
  public static final String DEFAULT_TRANSFORM = "unique";
  /** What joins channels in a path when a user says nothing else: ChannelAttribution's {@code >}. */
  public static final String DEFAULT_PATH_SEPARATOR = ">";

  /** An option the user must fix; the message names it and says why. */
  public static final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidSettingException(String message) {
      super(message);
    }
  }

  /** The settings a user who sets nothing gets. */
  public static AttributionSettings defaults() {
    return new AttributionSettings(DEFAULT_MODELS, Integer.parseInt(DEFAULT_ORDER),
        Double.parseDouble(DEFAULT_LOOKBACK_DAYS), DEFAULT_TRANSFORM, DEFAULT_PATH_SEPARATOR);
  }

  /**
   * Checks what can be checked without reading any file.
   *
   * @throws InvalidSettingException naming the first bad option
   */
  public void check() {
    if (order < 1 || order > 4) {
      throw new InvalidSettingException("--order " + order + ": must be between 1 and 4");
    }
    if (!(lookbackDays > 0) || Double.isInfinite(lookbackDays)) {
      throw new InvalidSettingException("--lookback-days " + lookbackDays + ": must be greater than 0");
    }
    if (pathSeparator == null || pathSeparator.isEmpty()) {
      throw new InvalidSettingException("--path-separator: must not be empty");
    }
    pathTransform();
    attributionModels();
  }

  /**
   * The models by label, in the order given, with {@link #order} applied to markov models that set none.
   *
   * @throws InvalidSettingException for an unknown model, an impossible parameter or a model listed twice
   */
  public Map<String, AttributionModel> attributionModels() {
    Map<String, AttributionModel> byLabel = new LinkedHashMap<>();
    try {
      for (ModelSpec spec : ModelSpec.parseList(models)) {
        String label = spec.label();
        if (byLabel.containsKey(label)) {
          throw new InvalidSettingException("--models " + models + ": " + label + " is listed twice");
        }
        ModelSpec effective = spec.type().equals("markov") ? spec.withDefault("order", Integer.toString(order)) : spec;
        byLabel.put(label, Models.create(effective));
      }
    } catch (InvalidModelException e) {
      throw new InvalidSettingException("--models: " + e.getMessage());
    }
    return byLabel;
  }

  /**
   * The path transform.
   *
   * @throws InvalidSettingException for an unknown name
   */
  public PathTransform pathTransform() {
    try {
      return PathTransform.parse(transform);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException("--transform " + transform + ": " + e.getMessage());
    }
  }

  /**
   * Every model users may name, after a heading, one line each with its parameters and their defaults, its aliases,
   * and whether it learns from data: the help text of every front end, made from the engine's registry.
   */
  public static List<String> modelHelp() {
    List<String> lines = new ArrayList<>();
    lines.add("Models (written type or type(name=value,...); defaults shown):");
    for (ModelType type : Models.types()) {
      StringBuilder line = new StringBuilder("  ").append(type.withDefaults());
      if (!type.aliases().isEmpty()) {
        line.append("  (also ").append(String.join(", ", type.aliases())).append(')');
      }
      if (type.dataDriven()) {
        line.append("  data-driven");
      }
      for (ModelType.Parameter parameter : type.parameters()) {
        if (parameter.defaultValue() == null) {
          line.append("  (").append(parameter.name()).append("=...: ").append(parameter.description()).append(')');
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }
}
