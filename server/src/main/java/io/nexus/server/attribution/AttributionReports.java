package io.nexus.server.attribution;

import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.model.ModelDefinition;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/** Attribution over many journeys, for the analytics module; thread-safe. */
public interface AttributionReports {

  /**
   * What model {@code modelId} credits to each channel over the converting journeys that started in
   * {@code [from, to)}, computed with the engine (data-driven models from their current fit; the AI model journey by
   * journey through the provider, or its fallback model), by channel id.
   *
   * @throws io.nexus.server.web.ApiException 404 for an unknown model, 409 for an inactive one; for the AI model 503
   *     without a provider or fallback, 429 over an AI budget, 502/503/504 when the provider fails
   */
  default Map<Long, ChannelAmount> channelTotals(long modelId, Instant from, Instant to) {
    return channelReport(modelId, from, to).totals();
  }

  /** Like {@link #channelTotals}, saying which model stood in for the AI model and what its AI calls were. */
  ChannelReport channelReport(long modelId, Instant from, Instant to);

  /**
   * Like {@link #channelReport(long, Instant, Instant)}, the AI model's new provider calls spending {@code budget}:
   * the budget of a request that makes other calls too (an insights request's writer).
   */
  ChannelReport channelReport(long modelId, Instant from, Instant to, AiCallBudget budget);

  /**
   * What model {@code modelId} credits to each channel over {@code journeys}, like
   * {@link #channelTotals(long, Collection)}, saying which model stood in for the AI model and what its AI calls were
   * (spending {@code budget}).
   *
   * @throws io.nexus.server.web.ApiException as {@link #channelTotals(long, Instant, Instant)}
   */
  ChannelReport channelReport(long modelId, Collection<JourneyDetail> journeys, AiCallBudget budget);

  /**
   * What model {@code modelId} credits to each channel over {@code journeys} (those that cannot be credited, without
   * conversion or touch before one, are left out), computed like {@link #channelTotals(long, Instant, Instant)}: the
   * AI model through the provider journey by journey, or without one its fallback model's credits.
   *
   * @throws io.nexus.server.web.ApiException as {@link #channelTotals(long, Instant, Instant)}
   */
  Map<Long, ChannelAmount> channelTotals(long modelId, Collection<JourneyDetail> journeys);

  /**
   * Hands each converting journey started in {@code [from, to)} that model {@code modelId} can credit to
   * {@code sink}, in id order, with its credits per channel; journeys are read chunk by chunk, so memory stays bounded.
   * The AI model credits through the provider (stored answers reused, one request's call budget); without a provider
   * it is refused with 503 even when it names a fallback model, because the credits handed on (pushed to ad
   * platforms) carry no fallback marker and would pass the fallback model's credits off as the AI's.
   *
   * @throws io.nexus.server.web.ApiException as {@link #channelTotals(long, Instant, Instant)} does, and 503 for the
   *     AI model without a provider
   */
  void forEachCredited(long modelId, Instant from, Instant to, Consumer<CreditedJourney> sink);

  /**
   * Whether reports can credit journeys under {@code model}: any active model, the AI model only with a provider or
   * a {@code fallback_model_id}.
   */
  boolean reportable(ModelDefinition model);

  /** Whether an AI provider is configured: reports of the AI model differ with it (their answers, or a fallback). */
  boolean aiConfigured();

  /**
   * A model's credits per channel over a date range; immutable.
   *
   * @param totals by channel id
   * @param fallback the model whose credits stand in for the AI model's, and why, or {@code null}
   * @param ai the AI calls the report took, or {@code null} for other models
   */
  record ChannelReport(Map<Long, ChannelAmount> totals, AiFallback fallback, AiRun ai) {

    public ChannelReport {
      totals = Map.copyOf(totals);
    }
  }

  /**
   * What crediting a date range through the AI took; immutable.
   *
   * @param model the provider model asked
   * @param journeys the converting journeys credited
   * @param calls provider calls made for this report
   * @param cachedAnswers journeys answered from stored answers, without a call
   * @param inputTokens input tokens of the calls made
   * @param outputTokens output tokens of the calls made
   */
  record AiRun(String model, long journeys, long calls, long cachedAnswers, long inputTokens, long outputTokens) {}

  /**
   * Like {@link #channelTotals(long, Instant, Instant)}, crediting only the touches {@code touches} keeps of each
   * journey (the model's fit is unchanged); journeys left without touches are not credited.
   *
   * @throws io.nexus.server.web.ApiException as {@link #channelTotals(long, Instant, Instant)} does, and 422 for the
   *     AI model with touches left out
   */
  Map<Long, ChannelAmount> channelTotals(long modelId, Instant from, Instant to, TouchFilter touches);
}
