package io.nexus.engine.markov;

import io.nexus.engine.AttributionModel;
import io.nexus.engine.ModelParameters;
import io.nexus.engine.ModelSpec;

/** Builds Markov chain models from their specs; stateless and thread-safe. */
public final class MarkovModels {
  /** The highest order supported: states of four channels. */
  public static final int MAX_ORDER = 4;

  private MarkovModels() {}

  /**
   * The {@code markov} model {@code spec} describes, or {@code null} for another type. Parameter: {@code order}
   * (1..4, default 1).
   *
   * @throws io.nexus.engine.InvalidModelException when a parameter is unknown or impossible
   */
  public static AttributionModel create(ModelSpec spec) {
    if (!spec.type().equals("markov")) {
      return null;
    }
    ModelParameters p = new ModelParameters(spec);
    int order = p.integer("order", 1, 1, MAX_ORDER);
    p.checkAllUsed();
    return new MarkovModel(spec, order);
  }
}
