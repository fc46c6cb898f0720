package io.nexus.engine;

import java.util.List;

/**
 * The service-provider interface through which a package of models (rules, Markov, Shapley) registers its types with
 * {@link Models}; implementations are listed in {@code META-INF/services/io.nexus.engine.ModelFamily}, are stateless
 * and have a public no-argument constructor.
 */
public interface ModelFamily {

  /** The model types this family builds, with their parameters and defaults. */
  List<ModelType> types();

  /**
   * The model of type {@code resolved.type()}.
   *
   * @param spec the spec as the user wrote it, which the model reports as its own ({@link AttributionModel#spec})
   * @param resolved the same model as {@link Models#withDefaults} gives it: the type's own name, every parameter
   *     checked against its declaration and present unless it has no default
   * @throws InvalidModelException when parameters are impossible together, such as weights that do not sum to 1
   */
  AttributionModel create(ModelSpec spec, ModelSpec resolved);
}
