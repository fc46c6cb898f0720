package io.nexus.server.demo.internal;

import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.ImportedJourney;
import io.nexus.server.journey.JourneyImport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With {@code nexus.demo=true} ({@code bin/nexus serve --demo}), fills an empty database with about 20,000 journeys
 * over the last 90 days so that every endpoint has something to show; a database with journeys is left alone.
 */
@Component
class DemoDataLoader {
  private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
  private static final int BATCH = 2_000;

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
    if (!store.isEmpty()) {
      log.info("demo: the database already holds journeys; nothing loaded");
      return;
    }
    List<Channel> active = channels.all().stream().filter(Channel::isActive)
        .filter(c -> !c.name().equals("Unassigned")).toList();
    long started = System.currentTimeMillis();
    List<ImportedJourney> all = new DemoJourneys(active, 2026).generate(journeys,
        Instant.now().truncatedTo(ChronoUnit.HOURS), 90);
    for (int from = 0; from < all.size(); from += BATCH) {
      store.importJourneys(all.subList(from, Math.min(all.size(), from + BATCH)));
    }
    log.info("demo: loaded {} journeys over the last 90 days in {} ms", all.size(),
        System.currentTimeMillis() - started);
  }
}
