package io.nexus.server.attribution.internal;

import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.ai.AiUsage;
import io.nexus.server.attribution.AttributionReports.AiRun;
import io.nexus.server.attribution.AttributionReports.ChannelReport;
import io.nexus.server.attribution.ChannelAmount;
import io.nexus.server.attribution.ChannelCreditView;
import io.nexus.server.attribution.JourneyAttribution;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.model.ModelDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Channel totals of the data-driven model over a date range: every converting journey of the range credited through
 * the provider ({@code nexus.ai.concurrency} calls at once, stored answers reused, one request's call budget), its
 * credits summed per channel exactly as a single journey's answer gives them. A journey the provider or a budget
 * refuses fails the whole report with that problem: a total missing journeys would mislead.
 */
@Component
class AiReports {
  /** Journeys read and asked about per round; each round waits for its slowest answer. */
  private static final int CHUNK = 200;

  private final JourneyData journeys;
  private final ChannelCatalog channels;
  private final AiCredits aiCredits;
  private final MeterRegistry meters;

  AiReports(JourneyData journeys, ChannelCatalog channels, AiCredits aiCredits, MeterRegistry meters) {
    this.journeys = journeys;
    this.channels = channels;
    this.aiCredits = aiCredits;
    this.meters = meters;
  }

  ChannelReport totals(ModelDefinition model, Instant from, Instant to) {
    AiCallBudget budget = aiCredits.newRequestBudget();
    Map<Long, BigDecimal> revenue = new HashMap<>();
    Map<Long, Double> conversions = new HashMap<>();
    Map<Long, Long> journeyCounts = new HashMap<>();
    long[] usage = new long[5];
    String[] providerModel = {AiCredits.providerModel(model)};
    journeys.forEachChunk(new JourneyQuery(from, to, true, null), CHUNK, chunk -> {
      List<JourneyDetail> creditable = new ArrayList<>(chunk.size());
      for (JourneyDetail journey : chunk) {
        if (CalculationService.whyUncreditable(journey).isEmpty()) {
          creditable.add(journey);
        }
      }
      List<JourneyAttribution> credited = aiCredits.creditAllOrThrow(creditable, model,
          channels.findAll(creditable.stream().flatMap(d -> d.touchpoints().stream()).map(t -> t.channelId())
              .distinct().toList()), budget);
      for (JourneyAttribution journey : credited) {
        for (ChannelCreditView credit : journey.attributions()) {
          revenue.merge(credit.channelId(), credit.attributedRevenue(), BigDecimal::add);
          conversions.merge(credit.channelId(), credit.attributedConversions(), Double::sum);
          journeyCounts.merge(credit.channelId(), 1L, Long::sum);
        }
        AiUsage ai = journey.ai();
        usage[0]++;
        if (ai.cached()) {
          usage[2]++;
        } else {
          usage[1]++;
          usage[3] += ai.inputTokens();
          usage[4] += ai.outputTokens();
        }
      }
      meters.counter("nexus.journeys.processed", "stage", "report").increment(chunk.size());
    });
    Map<Long, ChannelAmount> totals = new HashMap<>();
    revenue.forEach((id, value) -> totals.put(id, new ChannelAmount(id, value, conversions.get(id),
        journeyCounts.get(id))));
    return new ChannelReport(totals, null, new AiRun(providerModel[0], usage[0], usage[1], usage[2], usage[3],
        usage[4]));
  }
}
