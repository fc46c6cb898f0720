package io.nexus.engine.markov;

import io.nexus.engine.AttributionModel;
import io.nexus.engine.ModelFamily;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.ModelType;
import io.nexus.engine.ModelType.Parameter;
import java.util.List;

/** The removal-effect Markov chain model, registered with the engine's registry as a {@link ModelFamily}; stateless. */
public final class MarkovFamily implements ModelFamily {
  /** The highest order supported: states of four channels. */
  static final int MAX_ORDER = 4;

  @Override
  public List<ModelType> types() {
    return List.of(new ModelType("markov", List.of(), "Removal effects of an exact absorbing Markov chain of order 1 "
        + "to 4, fitted on converting and non-converting paths.", List.of(Parameter.integer("order", "1", 1, MAX_ORDER,
            "channels in a state")), true, true));
  }

  @Override
  public AttributionModel create(ModelSpec spec, ModelSpec resolved) {
    return new MarkovModel(spec, Integer.parseInt(resolved.parameters().get("order")));
  }
}
