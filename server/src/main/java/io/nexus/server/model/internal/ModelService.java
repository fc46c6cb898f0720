package io.nexus.server.model.internal;

import io.nexus.engine.InvalidModelException;
import io.nexus.engine.Models;
import io.nexus.server.model.ModelCatalog;
import io.nexus.server.model.ModelDefinition;
import io.nexus.server.model.ModelsChanged;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates, changes and retires attribution models, checking every configuration with the engine first. */
@Service
class ModelService implements ModelCatalog {
  private final ModelRepository models;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;

  ModelService(ModelRepository models, TransactionTemplate transactions, ApplicationEventPublisher events) {
    this.models = models;
    this.transactions = transactions;
    this.events = events;
  }

  @Override
  public Optional<ModelDefinition> find(long id) {
    return models.find(id);
  }

  @Override
  public List<ModelDefinition> all() {
    return models.all(null);
  }

  List<ModelDefinition> list(Boolean active) {
    return models.all(active);
  }

  ModelDefinition get(long id) {
    return models.find(id).orElseThrow(() -> ApiException.notFound("attribution model", id));
  }

  ModelDefinition create(ModelRequest r) {
    List<FieldProblem> missing = new ArrayList<>();
    if (r.name() == null || r.name().isBlank()) {
      missing.add(new FieldProblem("name", "required"));
    }
    if (r.modelType() == null) {
      missing.add(new FieldProblem("model_type", "required"));
    }
    if (!missing.isEmpty()) {
      throw ApiException.badRequest(missing);
    }
    ModelDefinition draft = new ModelDefinition(0, r.name().strip(), r.modelType(), r.description(),
        r.timeDecayHalflifeDays(), r.positionWeights(), r.customRules(), r.mlModelType(), r.mlParameters(),
        r.trainingDataWindowDays() == null ? ModelDefinition.DEFAULT_TRAINING_WINDOW_DAYS : r.trainingDataWindowDays(),
        r.isActive() == null || r.isActive(), null, null);
    check(draft);
    return transactions.execute(tx -> {
      if (models.findByName(draft.name()).isPresent()) {
        throw ApiException.conflict("name", "a model named '" + draft.name() + "' already exists");
      }
      long id = models.insert(draft);
      events.publishEvent(new ModelsChanged(id));
      return models.find(id).orElseThrow();
    });
  }

  ModelDefinition update(long id, ModelRequest r) {
    return transactions.execute(tx -> {
      ModelDefinition old = get(id);
      ModelDefinition changed = new ModelDefinition(id, r.name() == null ? old.name() : r.name().strip(),
          r.modelType() == null ? old.modelType() : r.modelType(),
          r.description() == null ? old.description() : r.description(),
          r.timeDecayHalflifeDays() == null ? old.timeDecayHalflifeDays() : r.timeDecayHalflifeDays(),
          r.positionWeights() == null ? old.positionWeights() : r.positionWeights(),
          r.customRules() == null ? old.customRules() : r.customRules(),
          r.mlModelType() == null ? old.mlModelType() : r.mlModelType(),
          r.mlParameters() == null ? old.mlParameters() : r.mlParameters(),
          r.trainingDataWindowDays() == null ? old.trainingDataWindowDays() : r.trainingDataWindowDays(),
          r.isActive() == null ? old.isActive() : r.isActive(), old.createdAt(), null);
      check(changed);
      if (!changed.name().equals(old.name()) && models.findByName(changed.name()).isPresent()) {
        throw ApiException.conflict("name", "a model named '" + changed.name() + "' already exists");
      }
      models.update(changed);
      events.publishEvent(new ModelsChanged(id));
      return models.find(id).orElseThrow();
    });
  }

  /** Deletes an unused model (empty result), or deactivates one that stored results use. */
  Optional<ModelDefinition> delete(long id) {
    get(id);
    try {
      transactions.executeWithoutResult(tx -> {
        models.delete(id);
        events.publishEvent(new ModelsChanged(id));
      });
      return Optional.empty();
    } catch (DataIntegrityViolationException inUse) {
      return Optional.of(transactions.execute(tx -> {
        models.deactivate(id);
        events.publishEvent(new ModelsChanged(id));
        return get(id);
      }));
    }
  }

  /** Refuses a configuration the engine cannot run, naming the request field at fault. */
  private static void check(ModelDefinition model) {
    if (model.isAi()) {
      return;
    }
    try {
      Models.create(model.engineSpec());
    } catch (InvalidModelException e) {
      String field = e.parameter() == null ? "model_type" : model.fieldOf(e.parameter().split(" ")[0]);
      if (e.parameter() != null && e.parameter().contains("+")) {
        field = "position_weights";
      }
      throw ApiException.unprocessable(e.getMessage(), List.of(new FieldProblem(field, e.reason())));
    }
  }
}
