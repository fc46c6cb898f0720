package io.nexus.cli;

import io.nexus.engine.AttributionModel;
import io.nexus.engine.InvalidModelException;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.Models;
import io.nexus.engine.PathTransform;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every attribution command shares — models, Markov order, lookback, path transform, path separator —
 * with their checks, so that {@code nexus attribute} and the Spark job read them alike; a picocli mixin, filled once
 * and then read, not thread-safe.
 */
public final class AttributionOptions {

  /** An option the user must fix; the message names it and says why. */
  public static final class OptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    OptionException(String message) {
      super(message);
    }
  }

  @Option(names = {"-m", "--models"}, paramLabel = "LIST",
      defaultValue = "first_touch,last_touch,linear,position_based,markov",
      description = "Comma-separated models, parameters in parentheses; default ${DEFAULT-VALUE}.")
  String models;

  @Option(names = "--order", defaultValue = "1", paramLabel = "K",
      description = "Markov order 1..4 for markov models that do not set one; default ${DEFAULT-VALUE}.")
  int order;

  @Option(names = "--lookback-days", defaultValue = "30", paramLabel = "DAYS",
      description = "Touchpoints: days before a conversion that count; default ${DEFAULT-VALUE}.")
  double lookbackDays;

  @Option(names = "--transform", defaultValue = "unique", paramLabel = "NAME",
      description = "Path transform: unique (as is), exposure (collapse repeats in a row), first (drop repeats).")
  String transform;

  @Option(names = "--path-separator", defaultValue = ">", paramLabel = "SEP",
      description = "Paths: what joins channels in a path; default ${DEFAULT-VALUE}.")
  String pathSeparator;

  /**
   * Checks the options that need no file.
   *
   * @throws OptionException naming the first bad option
   */
  public void check() {
    if (order < 1 || order > 4) {
      throw new OptionException("--order " + order + ": must be between 1 and 4");
    }
    if (!(lookbackDays > 0) || Double.isInfinite(lookbackDays)) {
      throw new OptionException("--lookback-days " + lookbackDays + ": must be greater than 0");
    }
    if (pathSeparator.isEmpty()) {
      throw new OptionException("--path-separator: must not be empty");
    }
    pathTransform();
  }

  /**
   * The models by label, in the order given, with {@code --order} applied to markov models that set none.
   *
   * @throws OptionException for an unknown model, an impossible parameter or a model listed twice
   */
  public Map<String, AttributionModel> models() {
    Map<String, AttributionModel> byLabel = new LinkedHashMap<>();
    try {
      for (ModelSpec spec : ModelSpec.parseList(models)) {
        String label = spec.label();
        if (byLabel.containsKey(label)) {
          throw new OptionException("--models " + models + ": " + label + " is listed twice");
        }
        ModelSpec effective = spec.type().equals("markov") ? spec.withDefault("order", Integer.toString(order)) : spec;
        byLabel.put(label, Models.create(effective));
      }
    } catch (InvalidModelException e) {
      throw new OptionException("--models: " + e.getMessage());
    }
    return byLabel;
  }

  /**
   * The path transform.
   *
   * @throws OptionException for an unknown name
   */
  public PathTransform pathTransform() {
    try {
      return PathTransform.parse(transform);
    } catch (IllegalArgumentException e) {
      throw new OptionException("--transform " + transform + ": " + e.getMessage());
    }
  }

  /** The lookback window in days. */
  public double lookbackDays() {
    return lookbackDays;
  }

  /** What joins channels in a path. */
  public String pathSeparator() {
    return pathSeparator;
  }
}
