package io.nexus.engine;

import io.nexus.engine.markov.MarkovModels;
import io.nexus.engine.rules.RuleModels;
import io.nexus.engine.shapley.ShapleyModels;
import java.util.ArrayList;
import java.util.List;

/** The registry of model types: builds a model from its type name and parameters; stateless and thread-safe. */
public final class Models {
  /** The models run when a user names none. */
  public static final List<String> DEFAULTS = List.of("first_touch", "last_touch", "linear", "position_based", "markov");

  private Models() {}

  /** Every model type, rules first. */
  public static List<String> types() {
    List<String> types = new ArrayList<>(RuleModels.TYPES);
    types.addAll(List.of("markov", "shapley", "counterfactual"));
    return types;
  }

  /**
   * The model {@code spec} describes.
   *
   * @throws InvalidModelException when the type is unknown or a parameter is unknown or impossible
   */
  public static AttributionModel create(ModelSpec spec) {
    AttributionModel model = RuleModels.create(spec);
    if (model == null) {
      model = MarkovModels.create(spec);
    }
    if (model == null) {
      model = ShapleyModels.create(spec);
    }
    if (model == null) {
      throw new InvalidModelException(spec.label(), null, "unknown model, expected one of " + String.join(", ", types()));
    }
    return model;
  }

  /** The model written as {@code type} or {@code type(name=value,...)}. */
  public static AttributionModel create(String spec) {
    return create(ModelSpec.parse(spec));
  }

  /** The models of a comma-separated list such as {@code linear,markov(order=2)}. */
  public static List<AttributionModel> createAll(String list) {
    List<AttributionModel> models = new ArrayList<>();
    for (ModelSpec spec : ModelSpec.parseList(list)) {
      models.add(create(spec));
    }
    return models;
  }
}
