package io.nexus.server.attribution.internal;

import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.ai.AiUsage;
import io.nexus.server.attribution.AttributionReports.AiRun;
import io.nexus.server.attribution.AttributionReports.ChannelReport;
import io.nexus.server.attribution.ChannelAmount;
import io.nexus.server.attribution.ChannelCreditView;
import io.nexus.server.attribution.CreditedJourney;
import io.nexus.server.attribution.JourneyAttribution;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.model.ModelDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Channel totals of the data-driven model over a date range: every converting journey of the range credited through
 * the provider ({@code nexus.ai.concurrency} calls at once, stored answers reused, one request's call budget), its
 * credits summed per channel exactly as a single journey's answer gives them; also the same journeys one by one for
 * pushes, and the journeys an insights request selected. A journey the provider or a budget refuses fails the whole
 * report with that problem: a total missing journeys would mislead.
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

  ChannelReport totals(ModelDefinition model, Instant from, Instant to, AiCallBudget budget) {
    Run run = new Run(model, budget);
    journeys.forEachChunk(new JourneyQuery(from, to, true, null), CHUNK, chunk -> {
      run.credit(chunk, run::add);
      meters.counter("nexus.journeys.processed", "stage", "report").increment(chunk.size());
    });
    return run.report();
  }

  /** Like {@link #totals(ModelDefinition, Instant, Instant, AiCallBudget)} over the journeys given (insights). */
  ChannelReport totals(ModelDefinition model, Collection<JourneyDetail> selected, AiCallBudget budget) {
    Run run = new Run(model, budget);
    List<JourneyDetail> all = List.copyOf(selected);
    for (int i = 0; i < all.size(); i += CHUNK) {
      run.credit(all.subList(i, Math.min(all.size(), i + CHUNK)), run::add);
    }
    meters.counter("nexus.journeys.processed", "stage", "report").increment(all.size());
    return run.report();
  }

  /** Hands each creditable converting journey of the range to {@code sink} with the AI's credits per channel. */
  void forEachCredited(ModelDefinition model, Instant from, Instant to, Consumer<CreditedJourney> sink) {
    Run run = new Run(model, aiCredits.newRequestBudget());
    journeys.forEachChunk(new JourneyQuery(from, to, true, null), CHUNK, chunk -> {
      run.credit(chunk, sink);
      meters.counter("nexus.journeys.processed", "stage", "report").increment(chunk.size());
    });
  }

  /** The journeys of {@code chunk} that can be credited (converting, with a touch before a conversion), in order. */
  static List<JourneyDetail> creditable(List<JourneyDetail> chunk) {
    List<JourneyDetail> creditable = new ArrayList<>(chunk.size());
    for (JourneyDetail journey : chunk) {
      if (CalculationService.whyUncreditable(journey).isEmpty()) {
        creditable.add(journey);
      }
    }
    return creditable;
  }

  /** The channels touched on {@code journeys}, by id: what their questions name. */
  static Map<Long, Channel> channelsOf(ChannelCatalog channels, List<JourneyDetail> journeys) {
    return channels.findAll(journeys.stream().flatMap(d -> d.touchpoints().stream()).map(t -> t.channelId())
        .distinct().toList());
  }

  /** One report's crediting: the call budget it spends, its channel sums and what its calls took. */
  private final class Run {
    private final ModelDefinition model;
    private final AiCallBudget budget;
    private final Map<Long, BigDecimal> revenue = new HashMap<>();
    private final Map<Long, Double> conversions = new HashMap<>();
    private final Map<Long, Long> journeyCounts = new HashMap<>();
    private long credited;
    private long calls;
    private long cachedAnswers;
    private long inputTokens;
    private long outputTokens;

    Run(ModelDefinition model, AiCallBudget budget) {
      this.model = model;
      this.budget = budget;
    }

    /** Credits the chunk's creditable journeys through the provider, handing each to {@code sink} in chunk order. */
    void credit(List<JourneyDetail> chunk, Consumer<CreditedJourney> sink) {
      List<JourneyDetail> creditable = creditable(chunk);
      List<JourneyAttribution> answers = aiCredits.creditAllOrThrow(creditable, model,
          channelsOf(channels, creditable), budget);
      Map<Long, JourneyAttribution> byJourney = new HashMap<>();
      for (JourneyAttribution answer : answers) {
        byJourney.put(answer.journeyId(), answer);
      }
      for (JourneyDetail journey : creditable) {
        JourneyAttribution answer = byJourney.get(journey.journey().id());
        List<ChannelAmount> amounts = new ArrayList<>(answer.attributions().size());
        for (ChannelCreditView credit : answer.attributions()) {
          amounts.add(new ChannelAmount(credit.channelId(), credit.attributedRevenue(),
              credit.attributedConversions(), 1));
        }
        AiUsage ai = answer.ai();
        credited++;
        if (ai.cached()) {
          cachedAnswers++;
        } else {
          calls++;
          inputTokens += ai.inputTokens();
          outputTokens += ai.outputTokens();
        }
        sink.accept(new CreditedJourney(journey, amounts));
      }
    }

    void add(CreditedJourney journey) {
      for (ChannelAmount credit : journey.credits()) {
        revenue.merge(credit.channelId(), credit.revenue(), BigDecimal::add);
        conversions.merge(credit.channelId(), credit.conversions(), Double::sum);
        journeyCounts.merge(credit.channelId(), 1L, Long::sum);
      }
    }

    ChannelReport report() {
      Map<Long, ChannelAmount> totals = new HashMap<>();
      revenue.forEach((id, value) -> totals.put(id, new ChannelAmount(id, value, conversions.get(id),
          journeyCounts.get(id))));
      return new ChannelReport(totals, null, new AiRun(AiCredits.providerModel(model), credited, calls,
          cachedAnswers, inputTokens, outputTokens));
    }
  }
}
