package io.nexus.engine.rules;

import io.nexus.engine.AttributionModel;
import io.nexus.engine.InvalidModelException;
import io.nexus.engine.ModelFamily;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.ModelType;
import io.nexus.engine.ModelType.Parameter;
import java.util.List;

/** The rule-based model types, registered with the engine's registry as a {@link ModelFamily}; stateless. */
public final class RuleFamily implements ModelFamily {
  private static final String WEIGHT = "share of the credit, 0 to 1";

  @Override
  public List<ModelType> types() {
    return List.of(
        rule("first_touch", "All credit to the first touch."),
        rule("last_touch", "All credit to the last touch."),
        new ModelType("last_non_direct", List.of(), "All credit to the last touch that is not direct traffic.",
            List.of(Parameter.words("direct", null, "names of the direct channels; default: each channel's own "
                + "direct flag (files: the names direct and (direct))")), false, true),
        rule("linear", "Equal credit to every touch."),
        new ModelType("time_decay", List.of(), "Credit halves every half-life before the conversion.",
            List.of(Parameter.positive("half_life", "7", "days")), false, true),
        positional("position_based", List.of("u_shaped"), "U-shaped: fixed shares for the first and last touch, "
            + "the middle share split over the touches between.", "0.4", "0.2", "0.4"),
        positional("j_shaped", List.of(), "Position-based with most credit to the last touch.", "0.2", "0.2", "0.6"),
        positional("inverse_j", List.of(), "Position-based with most credit to the first touch.", "0.6", "0.2",
            "0.2"),
        new ModelType("w_shaped", List.of(), "Fixed shares for the first touch, the first lead touch and the last "
            + "touch, the rest split over the others.", List.of(
                Parameter.number("first", "0.3", 0, 1, WEIGHT), Parameter.number("milestone", "0.3", 0, 1, WEIGHT),
                Parameter.number("last", "0.3", 0, 1, WEIGHT), Parameter.number("rest", "0.1", 0, 1, WEIGHT),
                Parameter.words("milestone_types", "lead", "touch types that mark the milestone")), false, true),
        new ModelType("participation", List.of(), "Every channel on the journey gets the whole conversion; for "
            + "reports, not additive.", List.of(), false, false));
  }

  private static ModelType rule(String name, String description) {
    return new ModelType(name, List.of(), description, List.of(), false, true);
  }

  private static ModelType positional(String name, List<String> aliases, String description, String first,
      String middle, String last) {
    return new ModelType(name, aliases, description, List.of(Parameter.number("first", first, 0, 1, WEIGHT),
        Parameter.number("middle", middle, 0, 1, WEIGHT), Parameter.number("last", last, 0, 1, WEIGHT)), false, true);
  }

  @Override
  public AttributionModel create(ModelSpec spec, ModelSpec resolved) {
    return switch (resolved.type()) {
      case "first_touch" -> new PositionalModels.FirstTouch(spec);
      case "last_touch" -> new PositionalModels.LastTouch(spec);
      case "linear" -> new PositionalModels.Linear(spec);
      case "last_non_direct" -> new LastNonDirectModel(spec, words(resolved, "direct"));
      case "time_decay" -> new TimeDecayModel(spec, number(resolved, "half_life"));
      case "position_based", "j_shaped", "inverse_j" -> {
        double first = number(resolved, "first");
        double middle = number(resolved, "middle");
        double last = number(resolved, "last");
        checkWeights(spec, "first+middle+last", first, middle, last);
        yield new PositionBasedModel(spec, first, middle, last);
      }
      case "w_shaped" -> {
        double first = number(resolved, "first");
        double milestone = number(resolved, "milestone");
        double last = number(resolved, "last");
        double rest = number(resolved, "rest");
        checkWeights(spec, "first+milestone+last+rest", first, milestone, last, rest);
        yield new WShapedModel(spec, first, milestone, last, rest, words(resolved, "milestone_types"));
      }
      case "participation" -> new ParticipationModel(spec);
      default -> throw new IllegalArgumentException("not a rule: " + resolved.type());
    };
  }

  private static double number(ModelSpec resolved, String name) {
    return Double.parseDouble(resolved.parameters().get(name));
  }

  /** The words of a resolved parameter, or {@code null} when it is not set and has no default. */
  private static List<String> words(ModelSpec resolved, String name) {
    String value = resolved.parameters().get(name);
    return value == null ? null : List.of(value.split("\\|"));
  }

  /** Refuses weights that do not sum to 1 within 1e-9. */
  private static void checkWeights(ModelSpec spec, String names, double... weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new InvalidModelException(spec.label(), names, "weights must sum to 1, they sum to " + plain(sum));
    }
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
