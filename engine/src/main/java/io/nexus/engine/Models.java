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

  private static final List<ModelType> CATALOG = List.of(
      rule("first_touch"),
      rule("last_touch"),
      rule("last_non_direct", new ModelType.Parameter("direct", null, "the direct channels' names, separated by |")),
      rule("linear"),
      rule("time_decay", new ModelType.Parameter("half_life", "7", "days after which a touch's weight halves")),
      new ModelType("position_based", List.of("u_shaped"), positions("0.4", "0.2", "0.4"), false),
      rule("j_shaped", positions("0.2", "0.2", "0.6").toArray(ModelType.Parameter[]::new)),
      rule("inverse_j", positions("0.6", "0.2", "0.2").toArray(ModelType.Parameter[]::new)),
      rule("w_shaped",
          new ModelType.Parameter("first", "0.3", "share of the first touch"),
          new ModelType.Parameter("milestone", "0.3", "share of the milestone touch"),
          new ModelType.Parameter("last", "0.3", "share of the last touch"),
          new ModelType.Parameter("rest", "0.1", "share of the touches in between"),
          new ModelType.Parameter("milestone_types", "lead", "touch types that are milestones, separated by |")),
      rule("participation"),
      new ModelType("markov", List.of(), List.of(
          new ModelType.Parameter("order", "1", "states of 1 to 4 channels")), true),
      new ModelType("shapley", List.of(), List.of(
          new ModelType.Parameter("cap", "20", "largest channel set solved exactly, 1 to 24"),
          new ModelType.Parameter("samples", "10000", "orderings sampled for larger sets"),
          new ModelType.Parameter("seed", "1", "seed of that sampling")), true),
      new ModelType("counterfactual", List.of(), List.of(), true));

  /**
   * Every model type with its aliases and parameters, rules first: what {@link #create} builds, for help texts and
   * catalogues.
   */
  public static List<ModelType> catalog() {
    return CATALOG;
  }

  private static ModelType rule(String name, ModelType.Parameter... parameters) {
    return new ModelType(name, List.of(), List.of(parameters), false);
  }

  private static List<ModelType.Parameter> positions(String first, String middle, String last) {
    return List.of(new ModelType.Parameter("first", first, "share of the first touch"),
        new ModelType.Parameter("middle", middle, "share of the touches in between"),
        new ModelType.Parameter("last", last, "share of the last touch"));
  }

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
