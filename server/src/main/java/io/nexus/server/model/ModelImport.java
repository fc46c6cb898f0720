package io.nexus.server.model;

import io.nexus.engine.ModelSpec;
import java.util.Collection;
import java.util.Map;

/**
 * Finds the attribution model that runs an engine spec, for imports of results computed elsewhere, adding one when
 * none does; thread-safe.
 */
public interface ModelImport {

  /**
   * The models that run {@code specs}, by spec: the stored model of lowest id that {@linkplain ModelDefinition#runs
   * runs} the spec ({@code markov} is the seeded "Markov Chain" with {@code {"order": 1}}), else a new one named by the
   * spec's label. Runs in the caller's transaction; a concurrent import adding the same model makes it fail with a
   * constraint error, after which a retry finds the model.
   *
   * @throws io.nexus.engine.InvalidModelException when a spec names no model the engine runs
   */
  Map<ModelSpec, ModelDefinition> findOrAdd(Collection<ModelSpec> specs);
}
