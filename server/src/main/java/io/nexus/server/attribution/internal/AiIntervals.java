package io.nexus.server.attribution.internal;

import io.nexus.engine.Attribution;
import io.nexus.engine.Attribution.ModelRun;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.JourneyId;
import io.nexus.engine.uncertainty.ModelIntervals;
import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.model.ModelDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Bootstrap intervals of the data-driven (AI) model's channel totals over a date range. Each converting journey's
 * answer is its credit, fixed: a replicate re-weights the journeys exactly as {@link ReportIntervals} re-weights them
 * for every other model (same replicates, seed and Poisson weights drawn by journey id, so the same journeys weigh
 * the same under every model) and totals the answers' credits; nothing is refitted, since one journey's answer does
 * not depend on the others drawn. The answers are those the point estimate stored, read again, so no provider call is
 * made unless a journey changed since; a refusal (budget, provider failure) fails the intervals as it fails the report.
 */
@Component
class AiIntervals {
  /** Journeys read and looked up per round, as {@link AiReports} asks about them. */
  private static final int CHUNK = 200;

  private final JourneyData journeys;
  private final ChannelCatalog channels;
  private final AiCredits aiCredits;

  AiIntervals(JourneyData journeys, ChannelCatalog channels, AiCredits aiCredits) {
    this.journeys = journeys;
    this.channels = channels;
    this.aiCredits = aiCredits;
  }

  /** The intervals of {@code model}'s answers over the converting journeys started in the range; null when none. */
  ModelIntervals compute(ModelDefinition model, Instant from, Instant to) {
    AiCallBudget budget = aiCredits.newRequestBudget();
    EngineChannels catalogue = new EngineChannels(channels.all());
    List<Journey> credited = new ArrayList<>();
    Map<JourneyId, GivenShares> answers = new HashMap<>();
    journeys.forEachChunk(new JourneyQuery(from, to, true, null), CHUNK, chunk -> {
      List<JourneyDetail> creditable = AiReports.creditable(chunk);
      List<AiCredits.Weighed> weighed = aiCredits.weighAllOrThrow(creditable, model,
          AiReports.channelsOf(channels, creditable), budget);
      for (int i = 0; i < creditable.size(); i++) {
        Journey journey = creditable.get(i).toEngineJourney(catalogue);
        credited.add(journey);
        answers.put(journey.id(), weighed.get(i).fit());
      }
    });
    if (credited.isEmpty()) {
      return null;
    }
    JourneyBatch batch = JourneyBatch.of(credited, new ChannelDictionary());
    AnsweredShares fit = new AnsweredShares(answers);
    ModelRun point = new ModelRun(fit.asModel(), fit, Attribution.totals(fit, batch));
    // The answers are kept in every replicate: the credited journeys stand for the training set as well.
    return ReportIntervals.bootstrap().run(batch, batch, point);
  }
}
