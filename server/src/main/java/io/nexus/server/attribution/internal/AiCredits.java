package io.nexus.server.attribution.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nexus.engine.Attribution;
import io.nexus.engine.JourneyCredits;
import io.nexus.server.ai.AiAttribution;
import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.ai.AiJourneyQuestion;
import io.nexus.server.ai.AiWeights;
import io.nexus.server.attribution.JourneyAttribution;
import io.nexus.server.channel.Channel;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.StoredConversion;
import io.nexus.server.journey.StoredTouchpoint;
import io.nexus.server.model.ModelDefinition;
import io.nexus.server.persistence.TenantContext;
import io.nexus.server.persistence.TenantId;
import io.nexus.server.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/**
 * Credits a journey under the data-driven (AI) model: the journey goes to the provider as data, the validated
 * weights become a fit the engine credits exactly like its own models, the explanation and call metadata go along.
 */
@Component
class AiCredits {
  /** The provider model asked when the attribution model names none. */
  static final String DEFAULT_MODEL = "claude-sonnet-4-5-20250929";

  private final AiAttribution ai;
  private final ChannelContext context;
  private final MeterRegistry meters;

  AiCredits(AiAttribution ai, ChannelContext context, MeterRegistry meters) {
    this.ai = ai;
    this.context = context;
    this.meters = meters;
  }

  /** The provider model {@code model} asks: its {@code ml_model_type}, or the default. */
  static String providerModel(ModelDefinition model) {
    return model.mlModelType() == null || model.mlModelType().isBlank() ? DEFAULT_MODEL : model.mlModelType();
  }

  boolean configured() {
    return ai.configured();
  }

  int concurrency() {
    return ai.concurrency();
  }

  AiCallBudget newRequestBudget() {
    return ai.newRequestBudget();
  }

  JourneyAttribution credit(JourneyDetail journey, ModelDefinition model, Map<Long, Channel> channels,
      AiCallBudget budget) {
    return credit(journey, model, channels, budget, context.of(model));
  }

  private JourneyAttribution credit(JourneyDetail journey, ModelDefinition model, Map<Long, Channel> channels,
      AiCallBudget budget, ChannelContext.Context channelShares) {
    Weighed weighed = weigh(journey, model, channels, budget, channelShares);
    Timer.Sample sample = Timer.start(meters);
    JourneyCredits credits = Attribution.credit(weighed.fit(),
        journey.toEngineJourney(new EngineChannels(channels.values())));
    JourneyAttribution result = CreditMapper.map(journey, model, credits, channels, Instant.now());
    sample.stop(meters.timer("nexus.attribution.calculation", "model_type", model.modelType()));
    return result.withAi(weighed.weights().reasoning(), weighed.weights().usage());
  }

  /** The AI's answer for a journey and the fit holding its shares in the engine's touch order. */
  record Weighed(GivenShares fit, AiWeights weights) {}

  /** Asks for (or finds the stored answer to) {@code journey}'s weights; refuses journeys that cannot be credited. */
  Weighed weigh(JourneyDetail journey, ModelDefinition model, Map<Long, Channel> channels, AiCallBudget budget) {
    return weigh(journey, model, channels, budget, context.of(model));
  }

  private Weighed weigh(JourneyDetail journey, ModelDefinition model, Map<Long, Channel> channels,
      AiCallBudget budget, ChannelContext.Context channelShares) {
    CalculationService.whyUncreditable(journey).ifPresent(refusal -> {
      throw refusal;
    });
    // The engine orders touches by time, keeping the stored order of equal times: the shares follow the same order.
    List<StoredTouchpoint> touches = new ArrayList<>(journey.touchpoints());
    touches.sort(Comparator.comparing(StoredTouchpoint::timestamp));
    AiWeights weights = ai.weigh(new AiJourneyQuestion(providerModel(model),
        journeyData(journey, touches, channels, channelShares), touches.stream().map(StoredTouchpoint::id).toList()),
        budget);
    return new Weighed(new GivenShares(touches.stream().mapToDouble(t -> weights.shares().get(t.id())).toArray()),
        weights);
  }

  /**
   * Credits {@code chunk} with at most {@link AiAttribution#concurrency()} provider calls at once, in the chunk's
   * order; a journey refused with a problem goes to {@code refused} instead.
   */
  List<JourneyAttribution> creditAll(List<JourneyDetail> chunk, ModelDefinition model, Map<Long, Channel> channels,
      AiCallBudget budget, BiConsumer<Long, ApiException> refused) {
    return askAll(chunk, model, refused, () -> false,
        (journey, shares) -> credit(journey, model, channels, budget, shares));
  }

  /**
   * Credits every journey of {@code chunk} like {@link #creditAll}, for a report that needs them all: the first
   * refusal stops the journeys not yet asked and is thrown once those being asked are answered.
   */
  List<JourneyAttribution> creditAllOrThrow(List<JourneyDetail> chunk, ModelDefinition model,
      Map<Long, Channel> channels, AiCallBudget budget) {
    return askAllOrThrow(chunk, model, (journey, shares) -> credit(journey, model, channels, budget, shares));
  }

  /**
   * Every journey's answer of {@code chunk} as {@link #creditAllOrThrow} finds or asks for it, in the chunk's order,
   * kept as the touch shares it gave: what a bootstrap of the AI's credits resamples.
   */
  List<Weighed> weighAllOrThrow(List<JourneyDetail> chunk, ModelDefinition model, Map<Long, Channel> channels,
      AiCallBudget budget) {
    return askAllOrThrow(chunk, model, (journey, shares) -> weigh(journey, model, channels, budget, shares));
  }

  /** One journey's question to the provider, given the model's channel context. */
  private interface Question<T> {
    T ask(JourneyDetail journey, ChannelContext.Context shares);
  }

  private <T> List<T> askAllOrThrow(List<JourneyDetail> chunk, ModelDefinition model, Question<T> question) {
    AtomicReference<ApiException> first = new AtomicReference<>();
    List<T> answered = askAll(chunk, model, (journeyId, e) -> first.compareAndSet(null, e),
        () -> first.get() != null, question);
    if (first.get() != null) {
      throw first.get();
    }
    return answered;
  }

  private <T> List<T> askAll(List<JourneyDetail> chunk, ModelDefinition model, BiConsumer<Long, ApiException> refused,
      BooleanSupplier stopped, Question<T> question) {
    if (chunk.isEmpty()) {
      return List.of();
    }
    TenantId tenant = TenantContext.current();
    ChannelContext.Context shares = context.of(model);
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(ai.concurrency(), chunk.size()));
    try {
      List<Future<T>> answers = new ArrayList<>(chunk.size());
      for (JourneyDetail journey : chunk) {
        answers.add(pool.submit(() -> TenantContext.callAs(tenant, () -> {
          if (stopped.getAsBoolean()) {
            return null;
          }
          try {
            return question.ask(journey, shares);
          } catch (ApiException e) {
            refused.accept(journey.journey().id(), e);
            return null;
          }
        })));
      }
      List<T> answered = new ArrayList<>(chunk.size());
      for (Future<T> answer : answers) {
        T result = answer.get();
        if (result != null) {
          answered.add(result);
        }
      }
      return answered;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the AI provider", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * What the provider is told about the journey: its touchpoints (no user id, no event ids), conversions, and the
   * Markov and Shapley shares of its channels. Text fields are values inside JSON, so that none of them can become
   * an instruction; the context being part of the data, it is part of the stored answers' key as well.
   */
  static Map<String, Object> journeyData(JourneyDetail journey, List<StoredTouchpoint> touches,
      Map<Long, Channel> channels, ChannelContext.Context shares) {
    Instant conversionTime = journey.conversions().stream().map(StoredConversion::timestamp)
        .max(Instant::compareTo).orElseThrow();
    List<Map<String, Object>> touchpoints = new ArrayList<>(touches.size());
    int position = 0;
    for (StoredTouchpoint t : touches) {
      Channel channel = channels.get(t.channelId());
      Map<String, Object> touch = new LinkedHashMap<>();
      touch.put("touchpoint_id", t.id());
      touch.put("position", ++position);
      touch.put("channel", channel == null ? null : channel.name());
      touch.put("channel_type", channel == null ? null : channel.channelType());
      touch.put("touchpoint_type", t.touchpointType());
      touch.put("timestamp", t.timestamp().toString());
      touch.put("seconds_before_conversion", Duration.between(t.timestamp(), conversionTime).toSeconds());
      touch.put("time_spent_seconds", t.timeSpentSeconds());
      touch.put("pages_viewed", t.pagesViewed());
      touch.put("engagement_score", t.engagementScore());
      touch.put("cost", t.cost());
      touch.put("campaign_id", t.campaignId());
      touch.put("campaign_name", t.campaignName());
      touch.put("device_type", t.deviceType());
      touch.put("browser", t.browser());
      touchpoints.add(touch);
    }
    List<Map<String, Object>> conversions = new ArrayList<>();
    for (StoredConversion c : journey.conversions()) {
      Map<String, Object> conversion = new LinkedHashMap<>();
      conversion.put("conversion_type", c.conversionType());
      conversion.put("timestamp", c.timestamp().toString());
      conversion.put("revenue", c.revenue());
      conversions.add(conversion);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("touchpoints", touchpoints);
    data.put("conversions", conversions);
    data.put("channel_context", shares.forJourney(touches, channels));
    return data;
  }
}
