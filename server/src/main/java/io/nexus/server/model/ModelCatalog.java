package io.nexus.server.model;

import java.util.List;
import java.util.Optional;

/** Read access to the configured attribution models for other modules; thread-safe. */
public interface ModelCatalog {

  /** The model with this id, if any. */
  Optional<ModelDefinition> find(long id);

  /** Every model, by id. */
  List<ModelDefinition> all();
}
