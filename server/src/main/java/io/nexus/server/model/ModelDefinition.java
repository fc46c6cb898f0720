package io.nexus.server.model;

import io.nexus.engine.ModelSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
  private static final Set<String> DATA_DRIVEN = Set.of("markov", "shapley", "counterfactual");

  public ModelDefinition {
    positionWeights = positionWeights == null ? Map.of() : Map.copyOf(positionWeights);
    customRules = customRules == null ? Map.of() : Map.copyOf(customRules);
    mlParameters = mlParameters == null ? Map.of() : Map.copyOf(mlParameters);
  }

  /** Whether the model learns from the journeys of its training window (Markov, Shapley, counterfactual). */
  public boolean learnsFromJourneys() {
    return DATA_DRIVEN.contains(modelType);
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
