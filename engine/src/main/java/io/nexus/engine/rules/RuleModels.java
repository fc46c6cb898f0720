package io.nexus.engine.rules;

import io.nexus.engine.AttributionModel;
import io.nexus.engine.ModelParameters;
import io.nexus.engine.ModelSpec;
import java.util.List;

/** Builds the rule-based models from their specs; stateless and thread-safe. */
public final class RuleModels {
  /** The rule-based model types this factory builds. */
  public static final List<String> TYPES = List.of(
      "first_touch", "last_touch", "last_non_direct", "linear", "time_decay", "position_based", "u_shaped",
      "j_shaped", "inverse_j", "w_shaped", "participation");

  private RuleModels() {}

  /**
   * The rule model {@code spec} describes, or {@code null} when its type is not a rule.
   *
   * @throws io.nexus.engine.InvalidModelException when a parameter is unknown or impossible
   */
  public static AttributionModel create(ModelSpec spec) {
    ModelParameters p = new ModelParameters(spec);
    AttributionModel model = switch (spec.type()) {
      case "first_touch" -> new PositionalModels.FirstTouch(spec);
      case "last_touch" -> new PositionalModels.LastTouch(spec);
      case "linear" -> new PositionalModels.Linear(spec);
      case "last_non_direct" -> new LastNonDirectModel(spec, p.words("direct", null));
      case "time_decay" -> new TimeDecayModel(spec, p.positive("half_life", 7));
      case "position_based", "u_shaped" -> positionBased(spec, p, 0.4, 0.2, 0.4);
      case "j_shaped" -> positionBased(spec, p, 0.2, 0.2, 0.6);
      case "inverse_j" -> positionBased(spec, p, 0.6, 0.2, 0.2);
      case "w_shaped" -> wShaped(spec, p);
      case "participation" -> new ParticipationModel(spec);
      default -> null;
    };
    if (model != null) {
      p.checkAllUsed();
    }
    return model;
  }

  private static AttributionModel positionBased(ModelSpec spec, ModelParameters p, double f, double m, double l) {
    double first = p.number("first", f, 0, 1);
    double middle = p.number("middle", m, 0, 1);
    double last = p.number("last", l, 0, 1);
    p.checkWeights("first+middle+last", first, middle, last);
    return new PositionBasedModel(spec, first, middle, last);
  }

  private static AttributionModel wShaped(ModelSpec spec, ModelParameters p) {
    double first = p.number("first", 0.3, 0, 1);
    double milestone = p.number("milestone", 0.3, 0, 1);
    double last = p.number("last", 0.3, 0, 1);
    double rest = p.number("rest", 0.1, 0, 1);
    p.checkWeights("first+milestone+last+rest", first, milestone, last, rest);
    List<String> types = p.words("milestone_types", List.of("lead"));
    return new WShapedModel(spec, first, milestone, last, rest, types);
  }
}
