package io.nexus.server.attribution.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nexus.engine.Attribution;
import io.nexus.engine.Attribution.ModelRun;
import io.nexus.engine.AttributionModel;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.FittedModel;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.TrainingStatistics;
import io.nexus.engine.uncertainty.Bootstrap;
import io.nexus.engine.uncertainty.ChannelInterval;
import io.nexus.engine.uncertainty.ModelIntervals;
import io.nexus.server.attribution.AmountInterval;
import io.nexus.server.attribution.AttributionIntervals;
import io.nexus.server.attribution.TouchFilter;
import io.nexus.server.cache.AttributionCache;
import io.nexus.server.cache.AttributionCache.Region;
import io.nexus.server.cache.CacheVersions;
import io.nexus.server.cache.VersionedKey;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.model.ModelDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Bootstrap intervals of a model's channel totals over a date range, for the reports: the credited journeys (and a
 * data-driven model's training window) re-weighted by journey, the model refitted on each replicate as its fit is, the
 * replicates totalled; with a touch filter, the credited journeys as it leaves them. The AI model's intervals resample
 * its stored answers ({@link AiIntervals}), or without a provider are its fallback model's. Seeded, so the same data
 * give the same intervals; cached per fit, range, filter and data version.
 */
@Component
class ReportIntervals implements AttributionIntervals {
  static final int REPLICATES = 200;
  static final double CONFIDENCE = 0.9;
  static final long SEED = 1;
  private static final int CHUNK = 5_000;

  private final FitProvider fits;
  private final JourneyData journeys;
  private final ChannelCatalog channels;
  private final AttributionCache cache;
  private final MeterRegistry meters;
  private final CalculationService calculations;
  private final AiIntervals aiIntervals;

  ReportIntervals(FitProvider fits, JourneyData journeys, ChannelCatalog channels, AttributionCache cache,
      MeterRegistry meters, CalculationService calculations, AiIntervals aiIntervals) {
    this.fits = fits;
    this.journeys = journeys;
    this.channels = channels;
    this.cache = cache;
    this.meters = meters;
    this.calculations = calculations;
    this.aiIntervals = aiIntervals;
  }

  /** The bootstrap every report's intervals are computed with, so the same journeys weigh the same for every model. */
  static Bootstrap bootstrap() {
    return Bootstrap.replicates(REPLICATES).confidence(CONFIDENCE).seed(SEED);
  }

  @Override
  public Map<Long, AmountInterval> channelIntervals(long modelId, Instant from, Instant to, TouchFilter touches) {
    // The versions are read before the data, so an answer is only filed under versions as old as its data.
    CacheVersions versions = cache.versions();
    ModelDefinition model = fits.usableForJourneys(modelId, versions.catalog());
    if (model.isAi()) {
      if (!touches.keepsAll()) {
        throw CalculationService.touchFilterRefused(model);
      }
      if (!calculations.aiConfigured()) {
        // The report carries the fallback model's credits (marked as such), so its intervals are that model's.
        model = calculations.fallbackModel(model, versions.catalog());
      }
    }
    ModelDefinition chosen = model;
    // The AI model's answers depend on all data through its channel context, and on its provider model.
    VersionedKey key = versions.keyOnAllData("intervals:" + model.id() + "@" + model.updatedAt() + ":" + from + ":"
        + to + ":" + REPLICATES + ":" + CONFIDENCE + ":" + SEED + touches.key()
        + (model.isAi() ? ":ai:" + AiCredits.providerModel(model) : ""));
    AmountInterval[] found = cache.getOrCompute(Region.REPORTS, key, AmountInterval[].class,
        () -> compute(chosen, from, to, touches));
    Map<Long, AmountInterval> byChannel = new HashMap<>();
    for (AmountInterval interval : found) {
      byChannel.put(interval.channelId(), interval);
    }
    return byChannel;
  }

  /** The intervals to the cent, timed per model type; none when nothing converted. */
  private AmountInterval[] compute(ModelDefinition model, Instant from, Instant to, TouchFilter touches) {
    Timer.Sample sample = Timer.start(meters);
    ModelIntervals intervals = model.isAi() ? aiIntervals.compute(model, from, to) : refitted(model, from, to, touches);
    if (intervals == null) {
      return new AmountInterval[0];
    }
    List<AmountInterval> result = new ArrayList<>(intervals.channels().size());
    for (ChannelInterval channel : intervals.channels()) {
      result.add(new AmountInterval(channel.channel().id(), cents(channel.valueInterval().low()),
          cents(channel.valueInterval().high()), channel.conversionsInterval().low(),
          channel.conversionsInterval().high(), channel.rankChangeShare()));
    }
    sample.stop(meters.timer("nexus.attribution.intervals", "model_type", model.modelType()));
    return result.toArray(AmountInterval[]::new);
  }

  /** An engine model's intervals, a data-driven one refitted on each replicate of its window; null when none. */
  private ModelIntervals refitted(ModelDefinition model, Instant from, Instant to, TouchFilter touches) {
    AttributionModel engineModel = FitProvider.engineModel(model);
    ChannelDictionary dictionary = new ChannelDictionary();
    List<Channel> all = channels.all();
    EngineChannels catalogue = new EngineChannels(all);
    Set<Long> direct = TouchFilter.directChannels(all);
    // One dictionary for both batches: a model refitted on the training replicate credits the other batch's ids.
    JourneyBatch training = engineModel.dataDriven() ? fits.trainingBatch(model, catalogue, dictionary) : null;
    List<Journey> credited = new ArrayList<>();
    journeys.forEachChunk(new JourneyQuery(from, to, true, null), CHUNK, chunk -> {
      for (JourneyDetail stored : chunk) {
        JourneyDetail journey = touches.apply(stored, direct);
        if (CalculationService.whyUncreditable(journey).isEmpty()) {
          credited.add(journey.toEngineJourney(catalogue));
        }
      }
    });
    if (credited.isEmpty()) {
      return null;
    }
    JourneyBatch batch = JourneyBatch.of(credited, dictionary);
    FittedModel fit = training != null ? engineModel.fit(training) : engineModel.fit(TrainingStatistics.none());
    ModelRun point = new ModelRun(engineModel, fit, Attribution.totals(fit, batch));
    return bootstrap().run(training != null ? training : batch, batch, point);
  }

  private static BigDecimal cents(double amount) {
    return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
  }
}
