package io.nexus.server.model;

import io.nexus.engine.InvalidModelException;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.ModelType;
import io.nexus.engine.ModelType.Parameter;
import io.nexus.engine.Models;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An attribution model as users configure it: a model type with its parameters and training window; immutable.
 *
 * @param id the model's id
 * @param name its unique name
 * @param modelType an engine model type ({@code linear}, {@code markov}, ...) or {@code data_driven} (AI)
 * @param description free text, or {@code null}
 * @param timeDecayHalflifeDays time decay's half-life in days, or {@code null}
 * @param positionWeights {@code first}, {@code middle}, {@code last} weights of the position-based family, or empty
 * @param customRules further engine parameters (such as {@code milestone_types}, {@code direct}), or empty
 * @param mlModelType the AI model of {@code data_driven}, or {@code null}
 * @param mlParameters data-driven parameters (such as Markov's {@code order}, Shapley's {@code cap}), or empty
 * @param trainingDataWindowDays how many days of journeys data-driven models learn from
 * @param isActive whether it may be used for calculations
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record ModelDefinition(
    long id,
    String name,
    String modelType,
    String description,
    BigDecimal timeDecayHalflifeDays,
    Map<String, Object> positionWeights,
    Map<String, Object> customRules,
    String mlModelType,
    Map<String, Object> mlParameters,
    int trainingDataWindowDays,
    boolean isActive,
    Instant createdAt,
    Instant updatedAt) {

  /** The model type of the AI attribution model, which the engine does not run. */
  public static final String AI_TYPE = "data_driven";
  /** How many days of journeys a data-driven model learns from unless configured otherwise. */
  public static final int DEFAULT_TRAINING_WINDOW_DAYS = 90;

  public ModelDefinition {
    positionWeights = positionWeights == null ? Map.of() : Map.copyOf(positionWeights);
    customRules = customRules == null ? Map.of() : Map.copyOf(customRules);
    mlParameters = mlParameters == null ? Map.of() : Map.copyOf(mlParameters);
  }

  /** Whether the model learns from the journeys of its training window (Markov, Shapley, counterfactual). */
  public boolean learnsFromJourneys() {
    if (isAi()) {
      return false;
    }
    try {
      return Models.type(modelType).dataDriven();
    } catch (InvalidModelException e) {
      return false;
    }
  }

  /** Whether this is the AI attribution model. */
  public boolean isAi() {
    return AI_TYPE.equals(modelType);
  }

  /** The engine spec this definition stands for: the type with every configured parameter. */
  public ModelSpec engineSpec() {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (timeDecayHalflifeDays != null && modelType.equals("time_decay")) {
      parameters.put("half_life", timeDecayHalflifeDays.stripTrailingZeros().toPlainString());
    }
    positionWeights.forEach((k, v) -> parameters.put(k, String.valueOf(v)));
    customRules.forEach((k, v) -> parameters.put(k, String.valueOf(v)));
    mlParameters.forEach((k, v) -> parameters.put(k, String.valueOf(v)));
    return new ModelSpec(modelType, parameters);
  }

  /**
   * Whether this definition runs the model {@code spec} describes: the two are the same once the engine's registry
   * fills in defaults ({@link Models#withDefaults}). Never for the AI model or a configuration the engine refuses.
   */
  public boolean runs(ModelSpec spec) {
    if (isAi()) {
      return false;
    }
    try {
      return Models.withDefaults(engineSpec()).equals(Models.withDefaults(spec));
    } catch (InvalidModelException e) {
      return false;
    }
  }

  /**
   * A new, active definition that runs {@code spec}, with each parameter the spec gives in the column the service
   * reads it from: the half-life in {@code time_decay_halflife_days}, data-driven parameters in {@code ml_parameters},
   * a rule's weights in {@code position_weights} and its other parameters in {@code custom_rules}; the type as the
   * registry names it (an alias such as {@code u_shaped} is stored as its type).
   *
   * @throws InvalidModelException when the engine runs no such model
   */
  public static ModelDefinition of(String name, String description, ModelSpec spec) {
    ModelSpec resolved = Models.withDefaults(spec);
    ModelType type = Models.type(resolved.type());
    BigDecimal halfLife = null;
    Map<String, Object> weights = new LinkedHashMap<>();
    Map<String, Object> rules = new LinkedHashMap<>();
    Map<String, Object> learning = new LinkedHashMap<>();
    for (String parameter : spec.parameters().keySet()) {
      String value = resolved.parameters().get(parameter);
      Parameter declared = type.parameter(parameter);
      Object typed = switch (declared.kind()) {
        case NUMBER, POSITIVE_NUMBER -> new BigDecimal(value);
        case INTEGER -> Integer.valueOf(value);
        case LONG -> Long.valueOf(value);
        case WORDS -> value;
      };
      if (parameter.equals("half_life")) {
        halfLife = (BigDecimal) typed;
      } else if (type.dataDriven()) {
        learning.put(parameter, typed);
      } else if (declared.kind() == Parameter.Kind.NUMBER) {
        weights.put(parameter, typed);
      } else {
        rules.put(parameter, typed);
      }
    }
    return new ModelDefinition(0, name, type.name(), description, halfLife, weights, rules, null, learning,
        DEFAULT_TRAINING_WINDOW_DAYS, true, null, null);
  }

  /** The request field that sets engine parameter {@code parameter}, for error messages. */
  public String fieldOf(String parameter) {
    if (parameter.equals("half_life")) {
      return "time_decay_halflife_days";
    }
    if (positionWeights.containsKey(parameter)) {
      return "position_weights." + parameter;
    }
    if (customRules.containsKey(parameter)) {
      return "custom_rules." + parameter;
    }
    if (mlParameters.containsKey(parameter)) {
      return "ml_parameters." + parameter;
    }
    return parameter;
  }
}
