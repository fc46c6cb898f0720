package io.nexus.server.attribution.internal;

import io.nexus.engine.Attribution;
import io.nexus.engine.JourneyCredits;
import io.nexus.server.attribution.ChannelCreditView;
import io.nexus.server.cache.AttributionCache.Region;
import io.nexus.server.cache.AttributionCache;
import io.nexus.server.cache.CacheVersions;
import io.nexus.server.cache.VersionedKey;
import io.nexus.server.channel.Channel;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.StoredConversion;
import io.nexus.server.journey.StoredTouchpoint;
import io.nexus.server.model.ModelDefinition;
import io.nexus.server.web.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Journeys as timelines for drawing, with each touch's credit under a model; cached per journey and model. */
@Service
class VisualizationService {
  private final JourneyData journeys;
  private final FitProvider fits;
  private final CalculationService calculations;
  private final AttributionCache cache;
  private final AiCredits aiCredits;

  VisualizationService(JourneyData journeys, FitProvider fits, CalculationService calculations,
      AttributionCache cache, AiCredits aiCredits) {
    this.aiCredits = aiCredits;
    this.journeys = journeys;
    this.fits = fits;
    this.calculations = calculations;
    this.cache = cache;
  }

  /**
   * The journey as a timeline, with each touch's credit under model {@code modelId} when one is given (the AI
   * model's from its answer for the journey, or from its fallback model without a provider).
   */
  JourneyTimeline timeline(long journeyId, Long modelId) {
    CacheVersions versions = cache.versions();
    ModelDefinition asked = modelId == null ? null : fits.usableForJourneys(modelId, versions.catalog());
    // Without a provider the AI model's fallback model draws the journey, and the timeline names it.
    ModelDefinition model = asked != null && asked.isAi() && !aiCredits.configured()
        ? calculations.fallbackModel(asked, versions.catalog()) : asked;
    long version = journeys.version(journeyId).orElseThrow(() -> ApiException.notFound("journey", journeyId));
    String name = "j" + journeyId + "v" + version + ":m" + (model == null ? "none" : model.id());
    VersionedKey key = model == null ? versions.key(name) : FitProvider.answerKey(versions, model, name);
    return cache.getOrCompute(Region.VISUALIZATIONS, key, JourneyTimeline.class, () -> build(
        journeys.find(journeyId).orElseThrow(() -> ApiException.notFound("journey", journeyId)), model));
  }

  private JourneyTimeline build(JourneyDetail journey, ModelDefinition model) {
    Map<Long, Channel> channels = calculations.channelsOf(List.of(journey));
    // The engine takes touches in time order (stable for equal times); the timeline shows them the same way.
    List<StoredTouchpoint> touches = new ArrayList<>(journey.touchpoints());
    touches.sort(Comparator.comparing(StoredTouchpoint::timestamp));
    List<Double> shares = null;
    List<ChannelCreditView> channelCredits = List.of();
    // Touch credits are shares of the credited value: a touch after every conversion earns 0.
    BigDecimal credited = journey.journey().conversionValue();
    boolean creditable = model != null && CalculationService.whyUncreditable(journey).isEmpty();
    if (creditable) {
      // The AI model's shares are its answer for this journey (stored answers reused, one call at most).
      var fit = model.isAi() ? aiCredits.weigh(journey, model, channels, aiCredits.newRequestBudget()).fit()
          : fits.fit(model);
      JourneyCredits credits = Attribution.credit(fit, journey.toEngineJourney(new EngineChannels(channels.values())));
      shares = credits.touchShares();
      credited = credits.value();
      channelCredits = CreditMapper.map(journey, model, credits, channels, Instant.now()).attributions();
    }
    Instant start = journey.journey().startTime();
    List<Instant> conversionTimes = journey.conversions().stream().map(StoredConversion::timestamp).sorted().toList();
    List<JourneyTimeline.Touch> timeline = new ArrayList<>(touches.size());
    for (int i = 0; i < touches.size(); i++) {
      StoredTouchpoint t = touches.get(i);
      Channel channel = channels.get(t.channelId());
      Double share = shares == null ? null : shares.get(i);
      Instant convertedAt = nextConversion(conversionTimes, t.timestamp());
      timeline.add(new JourneyTimeline.Touch(t.id(), t.positionInJourney(), t.channelId(),
          channel == null ? null : channel.name(), t.touchpointType(), t.timestamp(), minutes(start, t.timestamp()),
          convertedAt == null ? null : minutes(t.timestamp(), convertedAt), t.cost(), share,
          share == null ? null : credited.multiply(BigDecimal.valueOf(share)).setScale(2, RoundingMode.HALF_UP),
          t.engagementScore()));
    }
    List<JourneyTimeline.ConversionMark> marks = new ArrayList<>();
    for (StoredConversion c : journey.conversions()) {
      marks.add(new JourneyTimeline.ConversionMark(c.id(), c.conversionType(), c.timestamp(), c.revenue(),
          minutes(start, c.timestamp())));
    }
    var summary = journey.journey();
    return new JourneyTimeline(summary.id(), summary.userId(), summary.sessionId(), summary.startTime(),
        summary.endTime(), summary.journeyDurationMinutes(), summary.hasConversion(), summary.conversionValue(),
        model == null ? null : new JourneyTimeline.Model(model.id(), model.name(), model.modelType()), timeline, marks,
        channelCredits);
  }

  /** The first conversion at or after {@code touch}, the one the touch is first credited for, or {@code null}. */
  private static Instant nextConversion(List<Instant> conversionTimes, Instant touch) {
    for (Instant at : conversionTimes) {
      if (!at.isBefore(touch)) {
        return at;
      }
    }
    return null;
  }

  private static BigDecimal minutes(Instant from, Instant to) {
    return BigDecimal.valueOf(Duration.between(from, to).toMillis()).divide(BigDecimal.valueOf(60_000), 2,
        RoundingMode.HALF_UP);
  }
}
