package io.nexus.server.demo.internal;

import io.nexus.engine.Conversion;
import io.nexus.engine.Journey;
import io.nexus.engine.Touchpoint;
import io.nexus.engine.journey.JourneyBuilder;
import io.nexus.engine.journey.UserEvent;
import io.nexus.formats.synthetic.SyntheticData;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.ImportedJourney;
import io.nexus.server.journey.JourneyImport;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import io.nexus.server.persistence.TenantContext;
import io.nexus.server.persistence.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With {@code nexus.demo=true} ({@code bin/nexus serve --demo}), fills an empty database with about 20,000 journeys
 * over the last 90 days so that every endpoint has something to show; a database with journeys is left alone. The
 * journeys are {@code nexus generate}'s users, their touches grouped onto the catalogue's channels by GA4's default
 * channel groups, as the service's own journey building would.
 */
@Component
class DemoDataLoader {
  private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
  private static final int BATCH = 2_000;
  private static final int DAYS = 90;
  private static final long SEED = 2026;
  /** The generator's channels with a traffic source GA4 groups: search, social, email, ... shopping. */
  private static final int GENERATED_CHANNELS = 13;

  private final boolean enabled;
  private final int journeys;
  private final JourneyImport store;
  private final ChannelCatalog channels;

  DemoDataLoader(@Value("${nexus.demo:false}") boolean enabled, @Value("${nexus.demo-journeys:20000}") int journeys,
      JourneyImport store, ChannelCatalog channels) {
    this.enabled = enabled;
    this.journeys = journeys;
    this.store = store;
    this.channels = channels;
  }

  @EventListener(ApplicationReadyEvent.class)
  void load() {
    if (!enabled) {
      return;
    }
    // The demo belongs to the default tenant, the one a service with authentication off serves.
    TenantContext.runAs(TenantId.DEFAULT, this::loadForDefaultTenant);
  }

  private void loadForDefaultTenant() {
    if (!store.isEmpty()) {
      log.info("demo: the database already holds journeys; nothing loaded");
      return;
    }
    Map<String, Channel> byName = channels.all().stream().filter(Channel::isActive)
        .collect(Collectors.toMap(Channel::name, Function.identity(), (a, b) -> a));
    long started = System.currentTimeMillis();
    List<ImportedJourney> all = journeys(journeys, byName, Instant.now().truncatedTo(ChronoUnit.HOURS));
    for (int from = 0; from < all.size(); from += BATCH) {
      store.importJourneys(all.subList(from, Math.min(all.size(), from + BATCH)));
    }
    log.info("demo: loaded {} journeys over the last {} days in {} ms", all.size(), DAYS,
        System.currentTimeMillis() - started);
  }

  /**
   * {@code count} journeys of generated users who started in the {@link #DAYS} days before {@code end}, nothing after
   * it; touches on channels the catalogue does not hold (or holds inactive) are left out.
   */
  static List<ImportedJourney> journeys(int count, Map<String, Channel> channels, Instant end) {
    SyntheticData data = new SyntheticData(GENERATED_CHANNELS, SEED, end.minus(Duration.ofDays(DAYS)));
    JourneyBuilder builder = JourneyBuilder.defaults();
    List<ImportedJourney> journeys = new ArrayList<>(count);
    // Bounded in case the catalogue has none of GA4's groups active: then there is nothing to show.
    for (long users = 0; journeys.size() < count && users < 10L * count; users++) {
      List<UserEvent> events = new ArrayList<>();
      for (UserEvent event : data.nextUser()) {
        if (!event.timestamp().isAfter(end)) {
          // Left to channel grouping, as events from a site's tracking are.
          events.add(event.conversion() ? event : new UserEvent(event.userId(), event.timestamp(), null,
              event.source(), event.medium(), event.campaign(), event.touchpointType(), event.cost(), null, 0, 0,
              false, null, null));
        }
      }
      if (events.isEmpty()) {
        continue;
      }
      for (Journey journey : builder.buildUser(events.get(0).userId(), events).journeys()) {
        ImportedJourney imported = imported(journey, channels, journeys.size() + 1);
        if (imported != null && journeys.size() < count) {
          journeys.add(imported);
        }
      }
    }
    return journeys;
  }

  private static ImportedJourney imported(Journey journey, Map<String, Channel> channels, int session) {
    List<ImportedJourney.Touch> touches = new ArrayList<>();
    for (Touchpoint touch : journey.touchpoints()) {
      Channel channel = channels.get(touch.channel().name());
      if (channel != null) {
        touches.add(new ImportedJourney.Touch(channel.id(), touch.type(), touch.timestamp(),
            touch.cost().setScale(4, RoundingMode.HALF_UP), null, null, null, touch.campaign(), null, null));
      }
    }
    if (touches.isEmpty()) {
      return null;
    }
    List<ImportedJourney.Purchase> purchases = new ArrayList<>();
    for (Conversion conversion : journey.conversions()) {
      purchases.add(new ImportedJourney.Purchase(conversion.type(), conversion.timestamp(), conversion.revenue(), 1, null,
          null));
    }
    return new ImportedJourney(journey.userId(), "s" + session, touches.get(0).timestamp(), touches, purchases);
  }
}
