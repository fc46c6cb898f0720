package io.nexus.server.attribution.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nexus.engine.AttributionModel;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.FittedModel;
import io.nexus.engine.InvalidModelException;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.Models;
import io.nexus.engine.TrainingStatistics;
import io.nexus.server.ai.AiAttribution;
import io.nexus.server.attribution.TouchFilter;
import io.nexus.server.cache.AttributionCache;
import io.nexus.server.persistence.TenantContext;
import io.nexus.server.persistence.TenantId;
import io.nexus.server.cache.CacheVersions;
import io.nexus.server.cache.VersionedKey;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.model.ModelCatalog;
import io.nexus.server.model.ModelDefinition;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.FieldProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/**
 * Models ready to credit journeys. Rules are built from their definition; data-driven models are fitted on the
 * journeys of their training window (converting and not) and the fit is kept until the data or the model changes.
 */
@Component
class FitProvider {
  private static final int TRAINING_CHUNK = 5_000;

  private final ModelCatalog models;
  private final JourneyData journeys;
  private final ChannelCatalog channels;
  private final AttributionCache cache;
  private final MeterRegistry meters;
  private final BooleanSupplier aiConfigured;
  private final Cache<String, FittedModel> fits = Caffeine.newBuilder().maximumSize(32)
      .expireAfterAccess(Duration.ofHours(6)).build();
  /** Fits on filtered touches, apart: a user trying lookbacks one after another must not push out the fits above. */
  private final Cache<String, FittedModel> filteredFits = Caffeine.newBuilder().maximumSize(16)
      .expireAfterAccess(Duration.ofHours(1)).build();

  FitProvider(ModelCatalog models, JourneyData journeys, ChannelCatalog channels, AttributionCache cache,
      MeterRegistry meters, AiAttribution ai) {
    this.aiConfigured = ai::configured;
    this.models = models;
    this.journeys = journeys;
    this.channels = channels;
    this.cache = cache;
    this.meters = meters;
  }

  /**
   * A usable engine model: 404 when unknown, 409 when inactive; the AI model, which has no fit, 503 without a
   * provider and 422 with one.
   */
  ModelDefinition usable(long modelId) {
    return usable(modelId, cache.versions().catalog());
  }

  /**
   * Like {@link #usable(long)}, reading the definition from a copy of the catalogue kept for
   * {@code catalogVersion} (the version read before, so the copy is never older than its version); a negative
   * version (cache down) reads the database.
   */
  ModelDefinition usable(long modelId, long catalogVersion) {
    ModelDefinition model = definition(modelId, catalogVersion)
        .orElseThrow(() -> ApiException.notFound("attribution model", modelId));
    if (!model.isActive()) {
      throw ApiException.conflict("attribution model " + modelId + " (" + model.name() + ") is inactive; "
          + "activate it or choose another model");
    }
    if (model.isAi()) {
      throw aiConfigured.getAsBoolean()
          ? ApiException.unprocessable("attribution model " + modelId + " (" + model.name() + ") credits journeys "
              + "through the AI provider and has no fitted model",
              List.of(new FieldProblem("attribution_model_id", "the data-driven (AI) model has no fit")))
          : aiUnconfigured(model);
    }
    return model;
  }

  /**
   * Like {@link #usable(long, long)}, but also the data-driven model, which credits single journeys through the AI
   * provider (or its fallback model when no provider is configured).
   */
  ModelDefinition usableForJourneys(long modelId, long catalogVersion) {
    ModelDefinition model = definition(modelId, catalogVersion)
        .orElseThrow(() -> ApiException.notFound("attribution model", modelId));
    return model.isAi() && model.isActive() ? model : usable(modelId, catalogVersion);
  }

  /** 503 naming the variable to set. */
  static ApiException aiUnconfigured(ModelDefinition model) {
    return ApiException.unavailable("AI provider not configured: attribution model " + model.id() + " ("
        + model.name() + ") needs an AI provider; set the environment variable ANTHROPIC_API_KEY (and "
        + "ANTHROPIC_BASE_URL for a proxy), or name a fallback_model_id in its ml_parameters");
  }

  /** The fitted model for {@code model}, fitting a data-driven one on its training window if the data changed. */
  FittedModel fit(ModelDefinition model) {
    return fit(model, TouchFilter.ALL);
  }

  /**
   * Like {@link #fit(ModelDefinition)}, a data-driven model fitted on its training window's journeys as
   * {@code touches} leaves them (journeys left without touches are left out); kept per filter.
   */
  FittedModel fit(ModelDefinition model, TouchFilter touches) {
    AttributionModel engineModel = engineModel(model);
    if (!engineModel.dataDriven()) {
      return engineModel.fit(TrainingStatistics.none());
    }
    // The version is read before the data, so a fit can only be filed under a version as old as its data.
    long version = cache.versions().data();
    if (version < 0) {
      return train(model, engineModel, touches);
    }
    // Model ids are numbered per tenant, and each tenant fits on its own journeys only.
    String key = TenantContext.current() + "/" + model.id() + "@" + model.updatedAt() + "w"
        + model.trainingDataWindowDays() + "#" + version + touches.key();
    return (touches.keepsAll() ? fits : filteredFits).get(key, k -> train(model, engineModel, touches));
  }

  private Optional<ModelDefinition> definition(long modelId, long catalogVersion) {
    if (catalogVersion < 0) {
      return models.find(modelId);
    }
    TenantId tenant = TenantContext.current();
    Catalogue copy = catalogues.get(tenant);
    if (copy == null || copy.version() != catalogVersion) {
      Map<Long, ModelDefinition> byId = new HashMap<>();
      models.all().forEach(m -> byId.put(m.id(), m));
      copy = new Catalogue(catalogVersion, byId);
      catalogues.put(tenant, copy);
    }
    ModelDefinition model = copy.models().get(modelId);
    return model != null ? Optional.of(model) : models.find(modelId);
  }

  /** The model definitions as of one catalogue version. */
  private record Catalogue(long version, Map<Long, ModelDefinition> models) {}

  /** Each tenant's copy: model ids are numbered per tenant. */
  private final Map<TenantId, Catalogue> catalogues = new ConcurrentHashMap<>();


  /**
   * The cache key of an answer from {@code model}, with the catalogue version the model was read at: answers of
   * data-driven models and of the AI model (through its channel context) depend on all journeys as well.
   */
  static VersionedKey answerKey(CacheVersions versions, ModelDefinition model, String name) {
    // The data-driven (AI) model's answer holds the Markov and Shapley shares of its training window.
    return model.learnsFromJourneys() || model.isAi() ? versions.keyOnAllData(name) : versions.key(name);
  }

  static AttributionModel engineModel(ModelDefinition model) {
    try {
      return Models.create(model.engineSpec());
    } catch (InvalidModelException e) {
      throw ApiException.unprocessable("attribution model " + model.id() + " cannot run: " + e.getMessage(),
          List.of());
    }
  }

  /**
   * {@code model} fitted on {@code days} days of journeys instead of its own window: the Markov and Shapley fits of
   * the data-driven model's training window.
   */
  static ModelDefinition withWindow(ModelDefinition model, int days) {
    return new ModelDefinition(model.id(), model.name(), model.modelType(), model.description(),
        model.timeDecayHalflifeDays(), model.positionWeights(), model.customRules(), model.mlModelType(),
        model.mlParameters(), days, model.isActive(), model.createdAt(), model.updatedAt());
  }

  /** The journeys a data-driven model learns from: its training window, up to the latest journey's start. */
  JourneyQuery trainingWindow(ModelDefinition model) {
    Instant end = journeys.latestStart().map(t -> t.plusMillis(1)).orElse(Instant.now());
    return JourneyQuery.between(end.minus(Duration.ofDays(model.trainingDataWindowDays())), end);
  }

  /**
   * Every journey of {@code model}'s training window (converting or not) in one batch with ids from
   * {@code dictionary}: what a bootstrap refits the model on, replicate by replicate. It holds the whole window in
   * memory, unlike {@link #fit}, which counts chunk by chunk.
   */
  JourneyBatch trainingBatch(ModelDefinition model, EngineChannels catalogue, ChannelDictionary dictionary) {
    List<Journey> window = new ArrayList<>();
    journeys.forEachChunk(trainingWindow(model), TRAINING_CHUNK, chunk -> {
      for (JourneyDetail journey : chunk) {
        window.add(journey.toEngineJourney(catalogue));
      }
    });
    return JourneyBatch.of(window, dictionary);
  }

  private FittedModel train(ModelDefinition model, AttributionModel engineModel, TouchFilter touches) {
    Timer.Sample sample = Timer.start(meters);
    ChannelDictionary dictionary = new ChannelDictionary();
    TrainingStatistics statistics = engineModel.newStatistics(dictionary);
    List<Channel> all = channels.all();
    EngineChannels catalogue = new EngineChannels(all);
    Set<Long> direct = TouchFilter.directChannels(all);
    long[] count = new long[1];
    journeys.forEachChunk(trainingWindow(model), TRAINING_CHUNK, chunk -> {
      List<Journey> engineJourneys = new ArrayList<>(chunk.size());
      for (JourneyDetail stored : chunk) {
        JourneyDetail journey = touches.apply(stored, direct);
        // A journey the filter leaves without touches has no path: it is no journey of the chain.
        if (touches.keepsAll() || !journey.touchpoints().isEmpty()) {
          engineJourneys.add(journey.toEngineJourney(catalogue));
        }
      }
      statistics.addAll(JourneyBatch.of(engineJourneys, dictionary));
      count[0] += chunk.size();
    });
    FittedModel fit = engineModel.fit(statistics);
    sample.stop(meters.timer("nexus.attribution.fit", "model_type", model.modelType()));
    meters.counter("nexus.journeys.processed", "stage", "training").increment(count[0]);
    return fit;
  }
}
