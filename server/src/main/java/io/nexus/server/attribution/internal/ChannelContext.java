package io.nexus.server.attribution.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.nexus.engine.Attribution;
import io.nexus.engine.ChannelCredit;
import io.nexus.engine.FittedModel;
import io.nexus.server.cache.AttributionCache;
import io.nexus.server.cache.CacheVersions;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.journey.StoredTouchpoint;
import io.nexus.server.model.ModelCatalog;
import io.nexus.server.model.ModelDefinition;
import io.nexus.server.persistence.TenantContext;
import io.nexus.server.web.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The channel context the data-driven model sends with each journey: each channel's share of the credited
 * conversions under the Markov and Shapley fits of the data-driven model's own training window. Shares are rounded
 * to {@value #DECIMALS} decimals, so that data changes too small to move them keep the stored AI answers valid, and
 * kept until the data, the catalogue or one of the three models changes.
 */
@Component
class ChannelContext {
  static final int DECIMALS = 3;
  private static final int CHUNK = 5_000;

  /** One channel's shares; {@code null} where the catalogue has no active model of that type. */
  record Shares(BigDecimal markov, BigDecimal shapley) {}

  /**
   * The shares of every channel either fit credited in the window, by channel id; whether there was a Markov and a
   * Shapley fit to take them from.
   */
  record Context(boolean markov, boolean shapley, Map<Long, Shares> shares) {

    /**
     * The context of one journey as sent to the provider: the shares of the channels on its {@code touches}, in
     * order of first touch; a channel a fit did not credit in the window has share 0 under it, and both shares are
     * {@code null} without that model.
     */
    List<Map<String, Object>> forJourney(List<StoredTouchpoint> touches, Map<Long, Channel> channelsById) {
      Set<Long> onJourney = new LinkedHashSet<>();
      touches.forEach(t -> onJourney.add(t.channelId()));
      List<Map<String, Object>> context = new ArrayList<>(onJourney.size());
      for (long channelId : onJourney) {
        Channel channel = channelsById.get(channelId);
        Shares share = shares.get(channelId);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("channel", channel == null ? null : channel.name());
        entry.put("markov_share", !markov ? null : share == null ? zero() : share.markov());
        entry.put("shapley_share", !shapley ? null : share == null ? zero() : share.shapley());
        context.add(entry);
      }
      return context;
    }
  }

  private final FitProvider fits;
  private final ModelCatalog models;
  private final JourneyData journeys;
  private final ChannelCatalog channels;
  private final AttributionCache cache;
  private final Cache<String, Context> contexts = Caffeine.newBuilder().maximumSize(32)
      .expireAfterAccess(Duration.ofHours(6)).build();

  ChannelContext(FitProvider fits, ModelCatalog models, JourneyData journeys, ChannelCatalog channels,
      AttributionCache cache) {
    this.fits = fits;
    this.models = models;
    this.journeys = journeys;
    this.channels = channels;
    this.cache = cache;
  }

  /** The channels' shares over {@code aiModel}'s training window. */
  Context of(ModelDefinition aiModel) {
    // The versions are read before the data, so shares are only filed under versions as old as their data.
    CacheVersions versions = cache.versions();
    Optional<ModelDefinition> markov = firstActive("markov");
    Optional<ModelDefinition> shapley = firstActive("shapley");
    if (versions.data() < 0 || versions.catalog() < 0) {
      return compute(aiModel, markov, shapley);
    }
    String key = TenantContext.current() + "/" + aiModel.id() + "w" + aiModel.trainingDataWindowDays() + ":"
        + markov.map(m -> m.id() + "@" + m.updatedAt()).orElse("-") + ":"
        + shapley.map(m -> m.id() + "@" + m.updatedAt()).orElse("-") + "#" + versions.catalog() + "/"
        + versions.data();
    return contexts.get(key, k -> compute(aiModel, markov, shapley));
  }

  private static BigDecimal zero() {
    return BigDecimal.ZERO.setScale(DECIMALS);
  }

  /** The active model of {@code type} with the lowest id: the seeded one unless it was deactivated. */
  private Optional<ModelDefinition> firstActive(String type) {
    return models.all().stream().filter(ModelDefinition::isActive).filter(m -> m.modelType().equals(type))
        .min(Comparator.comparingLong(ModelDefinition::id));
  }

  private Context compute(ModelDefinition aiModel, Optional<ModelDefinition> markov,
      Optional<ModelDefinition> shapley) {
    int window = aiModel.trainingDataWindowDays();
    FittedModel markovFit = markov.map(m -> fitOrNull(FitProvider.withWindow(m, window))).orElse(null);
    FittedModel shapleyFit = shapley.map(m -> fitOrNull(FitProvider.withWindow(m, window))).orElse(null);
    Map<Long, Double> markovCredit = new HashMap<>();
    Map<Long, Double> shapleyCredit = new HashMap<>();
    EngineChannels catalogue = new EngineChannels(channels.all());
    JourneyQuery windowQuery = fits.trainingWindow(aiModel);
    JourneyQuery converting = new JourneyQuery(windowQuery.from(), windowQuery.to(), true, null);
    journeys.forEachChunk(converting, CHUNK, chunk -> {
      for (JourneyDetail journey : chunk) {
        if (CalculationService.whyUncreditable(journey).isPresent()) {
          continue;
        }
        var engineJourney = journey.toEngineJourney(catalogue);
        add(markovFit, engineJourney, markovCredit);
        add(shapleyFit, engineJourney, shapleyCredit);
      }
    });
    Set<Long> credited = new LinkedHashSet<>(markovCredit.keySet());
    credited.addAll(shapleyCredit.keySet());
    double markovTotal = markovCredit.values().stream().mapToDouble(Double::doubleValue).sum();
    double shapleyTotal = shapleyCredit.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<Long, Shares> shares = new HashMap<>();
    for (long channelId : credited) {
      shares.put(channelId, new Shares(markovFit == null ? null : share(markovCredit, markovTotal, channelId),
          shapleyFit == null ? null : share(shapleyCredit, shapleyTotal, channelId)));
    }
    return new Context(markovFit != null, shapleyFit != null, Map.copyOf(shares));
  }

  /** A model whose configuration the engine refuses gives no shares rather than failing the journey. */
  private FittedModel fitOrNull(ModelDefinition model) {
    try {
      return fits.fit(model);
    } catch (ApiException cannotRun) {
      return null;
    }
  }

  private static void add(FittedModel fit, io.nexus.engine.Journey journey, Map<Long, Double> credit) {
    if (fit == null) {
      return;
    }
    for (ChannelCredit c : Attribution.credit(fit, journey).credits()) {
      credit.merge(c.channel().id(), c.conversions(), Double::sum);
    }
  }

  private static BigDecimal share(Map<Long, Double> credit, double total, long channelId) {
    double mine = credit.getOrDefault(channelId, 0.0);
    return total > 0 ? BigDecimal.valueOf(mine / total).setScale(DECIMALS, RoundingMode.HALF_UP) : zero();
  }
}
