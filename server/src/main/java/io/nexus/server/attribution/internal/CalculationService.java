package io.nexus.server.attribution.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nexus.engine.Attribution;
import io.nexus.engine.ChannelCredit;
import io.nexus.engine.FittedModel;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyCredits;
import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.attribution.AiFallback;
import io.nexus.server.attribution.AttributionReports;
import io.nexus.server.attribution.ChannelAmount;
import io.nexus.server.attribution.CreditedJourney;
import io.nexus.server.attribution.TouchFilter;
import io.nexus.server.attribution.JourneyAttribution;
import io.nexus.server.cache.AttributionCache.Region;
import io.nexus.server.cache.AttributionCache;
import io.nexus.server.cache.CacheVersions;
import io.nexus.server.cache.VersionedKey;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.journey.StoredConversion;
import io.nexus.server.journey.StoredTouchpoint;
import io.nexus.server.model.ModelDefinition;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.FieldProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credits journeys with the engine: one journey (cached, stored) or many (chunked, stored in bulk), and channel
 * totals for reports.
 */
@Service
class CalculationService implements AttributionReports {
  private static final int REPORT_CHUNK = 5_000;

  private final FitProvider fits;
  private final JourneyData journeys;
  private final ChannelCatalog channels;
  private final ResultRepository results;
  private final AttributionCache cache;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final AiCredits aiCredits;
  private final AiReports aiReports;

  CalculationService(FitProvider fits, JourneyData journeys, ChannelCatalog channels, ResultRepository results,
      AttributionCache cache, TransactionTemplate transactions, MeterRegistry meters, AiCredits aiCredits,
      AiReports aiReports) {
    this.aiCredits = aiCredits;
    this.aiReports = aiReports;
    this.fits = fits;
    this.journeys = journeys;
    this.channels = channels;
    this.results = results;
    this.cache = cache;
    this.transactions = transactions;
    this.meters = meters;
  }

  /**
   * Credits journey {@code journeyId} under model {@code modelId} and stores the result, answering from the cache
   * when allowed and current.
   */
  JourneyAttribution calculate(long journeyId, long modelId, boolean useCache) {
    return calculate(journeyId, modelId, useCache, aiCredits.newRequestBudget());
  }

  /** Whether crediting under {@code modelId} asks the AI provider (the AI model with a provider configured). */
  boolean asksAi(long modelId) {
    try {
      return aiCredits.configured() && fits.usableForJourneys(modelId, cache.versions().catalog()).isAi();
    } catch (ApiException unusable) {
      return false;
    }
  }

  /** How many journeys one request asks the AI provider about at once. */
  int aiConcurrency() {
    return aiCredits.concurrency();
  }

  /** A budget of AI provider calls for one request. */
  AiCallBudget newAiBudget() {
    return aiCredits.newRequestBudget();
  }

  /** Like {@link #calculate(long, long, boolean)}, spending AI provider calls from the request's {@code budget}. */
  JourneyAttribution calculate(long journeyId, long modelId, boolean useCache, AiCallBudget budget) {
    long started = System.nanoTime();
    JourneyAttribution answer = cachedOrCalculated(journeyId, modelId, useCache, budget);
    meters.timer("nexus.attribution.single", "cached", Boolean.toString(answer.cached()))
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    return answer;
  }

  /**
   * The journey's credits under the model: from the cache when allowed and filed under the current versions of the
   * journey, the catalogue and (for data-driven models) all journey data; otherwise computed and stored.
   */
  private JourneyAttribution cachedOrCalculated(long journeyId, long modelId, boolean useCache,
      AiCallBudget budget) {
    CacheVersions versions = cache.versions();
    ModelDefinition model = fits.usableForJourneys(modelId, versions.catalog());
    if (model.isAi() && !aiCredits.configured()) {
      return fallback(journeyId, model, useCache, budget);
    }
    long journeyVersion = journeys.version(journeyId).orElseThrow(() -> ApiException.notFound("journey", journeyId));
    VersionedKey key = FitProvider.answerKey(versions, model, "j" + journeyId + "v" + journeyVersion + ":m" + modelId);
    Supplier<JourneyAttribution> calculate = () -> calculateAndStore(journeyId, model, budget);
    return useCache
        ? cache.getOrCompute(Region.RESULTS, key, JourneyAttribution.class, calculate, JourneyAttribution::fromCache)
        : cache.recompute(Region.RESULTS, key, calculate);
  }

  /**
   * The data-driven model without a provider: the credits of the model its {@code fallback_model_id} names, saying
   * so, or 503 naming the variable to set.
   */
  private JourneyAttribution fallback(long journeyId, ModelDefinition model, boolean useCache, AiCallBudget budget) {
    long fallbackId = fallbackModel(model, cache.versions().catalog()).id();
    return cachedOrCalculated(journeyId, fallbackId, useCache, budget)
        .withFallback(new AiFallback(fallbackId, AI_UNCONFIGURED));
  }

  static final String AI_UNCONFIGURED = "AI provider not configured";

  /**
   * The model that stands in for the data-driven {@code model} without a provider: its {@code fallback_model_id},
   * which must name another model that is not data-driven itself; 503 naming the variable to set without one.
   */
  static long fallbackId(ModelDefinition model) {
    Object named = model.mlParameters().get("fallback_model_id");
    if (named == null) {
      throw FitProvider.aiUnconfigured(model);
    }
    long fallbackId;
    try {
      fallbackId = Long.parseLong(String.valueOf(named));
    } catch (NumberFormatException e) {
      throw ApiException.unprocessable("attribution model " + model.id() + " has fallback_model_id " + named
          + ", which is not a model id", List.of(new FieldProblem("ml_parameters.fallback_model_id", "not an id")));
    }
    if (fallbackId == model.id()) {
      throw FitProvider.aiUnconfigured(model);
    }
    return fallbackId;
  }

  /** {@link #fallbackId}'s model, usable; a data-driven one cannot stand in (it has no provider either). */
  ModelDefinition fallbackModel(ModelDefinition model, long catalogVersion) {
    ModelDefinition fallback = fits.usableForJourneys(fallbackId(model), catalogVersion);
    if (fallback.isAi()) {
      throw FitProvider.aiUnconfigured(model);
    }
    return fallback;
  }

  private JourneyAttribution calculateAndStore(long journeyId, ModelDefinition model, AiCallBudget budget) {
    JourneyDetail journey = journeys.find(journeyId).orElseThrow(() -> ApiException.notFound("journey", journeyId));
    JourneyAttribution result = model.isAi()
        ? aiCredits.credit(journey, model, channelsOf(List.of(journey)), budget)
        : credit(journey, model, fits.fit(model), channelsOf(List.of(journey)));
    store(model.id(), List.of(result));
    return result;
  }

  /**
   * Why {@code journey} cannot be credited, as the 422 to answer, or empty when it can: it needs a conversion and a
   * touchpoint at or before one of its conversions (a conversion is credited only to the touches before it).
   */
  static Optional<ApiException> whyUncreditable(JourneyDetail journey) {
    long id = journey.journey().id();
    if (journey.conversions().isEmpty()) {
      return Optional.of(ApiException.unprocessable("journey " + id + " has no conversion to attribute; add a "
          + "conversion first", List.of(new FieldProblem("journey_id", "journey " + id + " has no conversion"))));
    }
    if (journey.touchpoints().isEmpty()) {
      return Optional.of(ApiException.unprocessable("journey " + id + " has no touchpoints to credit; add "
          + "touchpoints first", List.of(new FieldProblem("journey_id", "journey " + id + " has no touchpoints"))));
    }
    Instant firstTouch = journey.touchpoints().stream().map(StoredTouchpoint::timestamp).min(Instant::compareTo)
        .orElseThrow();
    Instant lastConversion = journey.conversions().stream().map(StoredConversion::timestamp).max(Instant::compareTo)
        .orElseThrow();
    if (firstTouch.isAfter(lastConversion)) {
      return Optional.of(ApiException.unprocessable("journey " + id + " has no touchpoint at or before a "
          + "conversion; a conversion is credited only to the touches before it", List.of(new FieldProblem(
          "journey_id", "journey " + id + " has no touchpoint at or before its conversions"))));
    }
    return Optional.empty();
  }

  /** Credits one journey with a fitted model; refuses journeys without conversion or touchpoints. */
  JourneyAttribution credit(JourneyDetail journey, ModelDefinition model, FittedModel fit,
      Map<Long, Channel> channelsById) {
    whyUncreditable(journey).ifPresent(refusal -> {
      throw refusal;
    });
    Timer.Sample sample = Timer.start(meters);
    JourneyCredits credits = Attribution.credit(fit, journey.toEngineJourney(new EngineChannels(
        channelsById.values())));
    JourneyAttribution result = CreditMapper.map(journey, model, credits, channelsById, Instant.now());
    sample.stop(meters.timer("nexus.attribution.calculation", "model_type", model.modelType()));
    return result;
  }

  /** Stores results of one model, replacing earlier rows of the same pairs; retried once if a racer got there. */
  void store(long modelId, List<JourneyAttribution> computed) {
    store(Map.of(modelId, computed));
  }

  /** Stores results of several models in one transaction, replacing earlier rows of the same pairs. */
  void store(Map<Long, List<JourneyAttribution>> byModel) {
    store(byModel, false);
  }

  /** Like {@link #store(Map)}; a bulk job's writes need not wait for the disk (see ResultRepository). */
  void store(Map<Long, List<JourneyAttribution>> byModel, boolean bulk) {
    Runnable write = () -> transactions.executeWithoutResult(tx -> {
      if (bulk) {
        results.commitWithoutWaiting();
      }
      results.replace(byModel);
    });
    try {
      write.run();
    } catch (DuplicateKeyException raced) {
      write.run();
    }
    long pairs = byModel.values().stream().mapToLong(List::size).sum();
    meters.counter("nexus.journeys.processed", "stage", "attribution").increment(pairs);
  }

  Map<Long, Channel> channelsOf(List<JourneyDetail> details) {
    return AiReports.channelsOf(channels, details);
  }

  @Override
  public ChannelReport channelReport(long modelId, Instant from, Instant to) {
    return channelReport(modelId, from, to, aiCredits.newRequestBudget());
  }

  @Override
  public ChannelReport channelReport(long modelId, Instant from, Instant to, AiCallBudget budget) {
    long catalogVersion = cache.versions().catalog();
    ModelDefinition model = fits.usableForJourneys(modelId, catalogVersion);
    if (!model.isAi()) {
      return new ChannelReport(engineTotals(model, from, to), null, null);
    }
    if (!aiCredits.configured()) {
      ModelDefinition fallback = fallbackModel(model, catalogVersion);
      return new ChannelReport(engineTotals(fallback, from, to), new AiFallback(fallback.id(), AI_UNCONFIGURED), null);
    }
    return aiReports.totals(model, from, to, budget);
  }

  @Override
  public Map<Long, ChannelAmount> channelTotals(long modelId, Collection<JourneyDetail> selected) {
    return channelReport(modelId, selected, aiCredits.newRequestBudget()).totals();
  }

  @Override
  public ChannelReport channelReport(long modelId, Collection<JourneyDetail> selected, AiCallBudget budget) {
    long catalogVersion = cache.versions().catalog();
    ModelDefinition model = fits.usableForJourneys(modelId, catalogVersion);
    AiFallback fallback = null;
    if (model.isAi()) {
      // Same routing as over a date range: the provider journey by journey, or the fallback model without one.
      if (aiCredits.configured()) {
        return aiReports.totals(model, selected, budget);
      }
      model = fallbackModel(model, catalogVersion);
      fallback = new AiFallback(model.id(), AI_UNCONFIGURED);
    }
    ChannelTotals totals = new ChannelTotals(fits.fit(model), new EngineChannels(channels.all()));
    selected.forEach(totals::add);
    meters.counter("nexus.journeys.processed", "stage", "report").increment(selected.size());
    return new ChannelReport(totals.byChannel(), fallback, null);
  }

  @Override
  public boolean reportable(ModelDefinition model) {
    if (!model.isActive()) {
      return false;
    }
    if (!model.isAi() || aiCredits.configured()) {
      return true;
    }
    try {
      return !fallbackModel(model, cache.versions().catalog()).isAi();
    } catch (ApiException noFallback) {
      return false;
    }
  }

  @Override
  public boolean aiConfigured() {
    return aiCredits.configured();
  }

  @Override
  public Map<Long, ChannelAmount> channelTotals(long modelId, Instant from, Instant to, TouchFilter touches) {
    if (touches.keepsAll()) {
      return channelReport(modelId, from, to).totals();
    }
    ModelDefinition model = fits.usableForJourneys(modelId, cache.versions().catalog());
    if (model.isAi()) {
      throw touchFilterRefused(model);
    }
    return engineTotals(model, from, to, touches);
  }

  /** 422 for the AI model asked to credit only some touches: it answered for whole journeys. */
  static ApiException touchFilterRefused(ModelDefinition model) {
    // Crediting only some of a journey's touches would ask the AI other questions.
    return ApiException.unprocessable("lookback_days", "lookback_days and exclude_direct are not available for "
        + "attribution model " + model.id() + " (" + model.name() + "), which credits whole journeys through the AI");
  }

  private Map<Long, ChannelAmount> engineTotals(ModelDefinition model, Instant from, Instant to) {
    return engineTotals(model, from, to, TouchFilter.ALL);
  }

  private Map<Long, ChannelAmount> engineTotals(ModelDefinition model, Instant from, Instant to,
      TouchFilter touches) {
    List<Channel> all = channels.all();
    ChannelTotals totals = new ChannelTotals(fits.fit(model), new EngineChannels(all));
    Set<Long> direct = TouchFilter.directChannels(all);
    journeys.forEachChunk(new JourneyQuery(from, to, true, null), REPORT_CHUNK, chunk -> {
      for (JourneyDetail stored : chunk) {
        totals.add(touches.apply(stored, direct));
      }
      meters.counter("nexus.journeys.processed", "stage", "report").increment(chunk.size());
    });
    return totals.byChannel();
  }

  /** Sums one fit's credits per channel over the journeys added, skipping those that cannot be credited. */
  private static final class ChannelTotals {
    private final FittedModel fit;
    private final EngineChannels catalogue;
    private final Map<Long, BigDecimal> revenue = new HashMap<>();
    private final Map<Long, Double> conversions = new HashMap<>();
    private final Map<Long, Long> journeyCounts = new HashMap<>();

    ChannelTotals(FittedModel fit, EngineChannels catalogue) {
      this.fit = fit;
      this.catalogue = catalogue;
    }

    void add(JourneyDetail journey) {
      if (journey.touchpoints().isEmpty() || whyUncreditable(journey).isPresent()) {
        return;
      }
      JourneyCredits credits = Attribution.credit(fit, journey.toEngineJourney(catalogue));
      for (ChannelCredit credit : credits.credits()) {
        long channelId = credit.channel().id();
        revenue.merge(channelId, credit.value(), BigDecimal::add);
        conversions.merge(channelId, credit.conversions(), Double::sum);
        journeyCounts.merge(channelId, 1L, Long::sum);
      }
    }

    Map<Long, ChannelAmount> byChannel() {
      Map<Long, ChannelAmount> totals = new HashMap<>();
      revenue.forEach((id, value) -> totals.put(id, new ChannelAmount(id, value, conversions.get(id),
          journeyCounts.get(id))));
      return totals;
    }
  }

  @Override
  public void forEachCredited(long modelId, Instant from, Instant to, Consumer<CreditedJourney> sink) {
    ModelDefinition model = fits.usableForJourneys(modelId, cache.versions().catalog());
    if (model.isAi()) {
      // No fallback here: the journeys handed on carry no marker, so the fallback's credits would pass as the AI's.
      if (!aiCredits.configured()) {
        throw FitProvider.aiUnconfigured(model);
      }
      aiReports.forEachCredited(model, from, to, sink);
      return;
    }
    FittedModel fit = fits.fit(model);
    EngineChannels catalogue = new EngineChannels(channels.all());
    journeys.forEachChunk(new JourneyQuery(from, to, true, null), REPORT_CHUNK, chunk -> {
      for (JourneyDetail journey : chunk) {
        if (whyUncreditable(journey).isPresent()) {
          continue;
        }
        JourneyCredits credits = Attribution.credit(fit, journey.toEngineJourney(catalogue));
        List<ChannelAmount> amounts = new ArrayList<>(credits.credits().size());
        for (ChannelCredit credit : credits.credits()) {
          amounts.add(new ChannelAmount(credit.channel().id(), credit.value(), credit.conversions(), 1));
        }
        sink.accept(new CreditedJourney(journey, amounts));
      }
      meters.counter("nexus.journeys.processed", "stage", "report").increment(chunk.size());
    });
  }

  /**
   * Credits a chunk of journeys under {@code model} on one columnar batch, for the bulk path; journeys that cannot be
   * credited are reported in {@code errors}.
   */
  List<JourneyAttribution> creditAll(List<JourneyDetail> chunk, ModelDefinition model, FittedModel fit,
      Map<Long, Channel> channelsById, List<BulkError> errors, long modelId) {
    List<JourneyDetail> creditable = new ArrayList<>(chunk.size());
    List<Journey> engineJourneys = new ArrayList<>(chunk.size());
    EngineChannels engineChannels = new EngineChannels(channelsById.values());
    for (JourneyDetail journey : chunk) {
      Optional<ApiException> refused = whyUncreditable(journey);
      if (refused.isPresent()) {
        errors.add(BulkError.of(journey.journey().id(), modelId, refused.get()));
      } else {
        creditable.add(journey);
        engineJourneys.add(journey.toEngineJourney(engineChannels));
      }
    }
    Timer.Sample sample = Timer.start(meters);
    List<JourneyCredits> credits = Attribution.creditAll(fit, engineJourneys);
    Instant now = Instant.now();
    List<JourneyAttribution> computed = new ArrayList<>(credits.size());
    for (int i = 0; i < credits.size(); i++) {
      computed.add(CreditMapper.map(creditable.get(i), model, credits.get(i), channelsById, now));
    }
    sample.stop(meters.timer("nexus.attribution.bulk.chunk", "model_type", model.modelType()));
    return computed;
  }

  /**
   * Credits a chunk of journeys under the data-driven model, asking the provider about up to
   * {@code nexus.ai.concurrency} journeys at once; each journey the provider or the budget refused is reported in
   * {@code errors} beside the others' results.
   */
  List<JourneyAttribution> creditAllWithAi(List<JourneyDetail> chunk, ModelDefinition model,
      Map<Long, Channel> channelsById, List<BulkError> errors, AiCallBudget budget) {
    return aiCredits.creditAll(chunk, model, channelsById, budget, (journeyId, e) -> {
      synchronized (errors) {
        errors.add(BulkError.of(journeyId, model.id(), e));
      }
    });
  }

  /** A pair that could not be calculated, with the problem it got. */
  record BulkError(long journeyId, long modelId, int status, String title, String detail) {
    static BulkError of(long journeyId, long modelId, ApiException e) {
      return new BulkError(journeyId, modelId, e.status().value(), e.title(), e.getMessage());
    }
  }
}
