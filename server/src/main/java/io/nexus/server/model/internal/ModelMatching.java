package io.nexus.server.model.internal;

import io.nexus.engine.InvalidModelException;
import io.nexus.engine.ModelSpec;
import io.nexus.server.model.ModelDefinition;
import io.nexus.server.model.ModelImport;
import io.nexus.server.model.ModelsChanged;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The stored models that run engine specs, matched through the engine's registry; missing ones are added. */
@Component
class ModelMatching implements ModelImport {
  // time_decay_halflife_days is NUMERIC(10, 4).
  private static final int HALF_LIFE_SCALE = 4;
  private static final int HALF_LIFE_INTEGER_DIGITS = 6;

  private final ModelRepository models;
  private final ApplicationEventPublisher events;

  ModelMatching(ModelRepository models, ApplicationEventPublisher events) {
    this.models = models;
    this.events = events;
  }

  @Override
  public Map<ModelSpec, ModelDefinition> findOrAdd(Collection<ModelSpec> specs) {
    Map<ModelSpec, ModelDefinition> bySpec = new LinkedHashMap<>();
    List<ModelDefinition> stored = new ArrayList<>(models.all(null));
    for (ModelSpec spec : specs) {
      if (bySpec.containsKey(spec)) {
        continue;
      }
      ModelDefinition match = stored.stream().filter(m -> m.runs(spec)).findFirst().orElse(null);
      if (match == null) {
        match = add(spec);
        stored.add(match);
      }
      bySpec.put(spec, match);
    }
    return bySpec;
  }

  private ModelDefinition add(ModelSpec spec) {
    String name = spec.label();
    for (int n = 2; models.findByName(name).isPresent(); n++) {
      name = spec.label() + " (imported" + (n == 2 ? "" : " " + n) + ")";
    }
    ModelDefinition draft = ModelDefinition.of(name, "Added by an import of results computed as " + spec.label(), spec);
    BigDecimal halfLife = draft.timeDecayHalflifeDays();
    if (halfLife != null && (halfLife.stripTrailingZeros().scale() > HALF_LIFE_SCALE
        || halfLife.precision() - halfLife.scale() > HALF_LIFE_INTEGER_DIGITS)) {
      throw new InvalidModelException(spec.label(), "half_life " + halfLife.toPlainString(), "the service stores "
          + "half-lives of at most " + HALF_LIFE_INTEGER_DIGITS + " integer digits and " + HALF_LIFE_SCALE
          + " decimal places");
    }
    long id = models.insert(draft);
    events.publishEvent(new ModelsChanged(id));
    return models.find(id).orElseThrow();
  }
}
