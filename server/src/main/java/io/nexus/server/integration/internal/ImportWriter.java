package io.nexus.server.integration.internal;

import io.nexus.engine.Conversion;
import io.nexus.engine.Journey;
import io.nexus.engine.Touchpoint;
import io.nexus.engine.journey.ChannelGrouping;
import io.nexus.engine.journey.JourneyBuilder;
import io.nexus.engine.journey.UserEvent;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.integration.PlatformEvent;
import io.nexus.server.journey.ImportedJourney;
import io.nexus.server.journey.JourneyImport;
import io.nexus.server.spend.SpendLedger;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns platform events into stored journeys the way the command line does: channels named by the event or by GA4's
 * default channel groups, journeys cut by the engine's {@link JourneyBuilder} (30-day lookback, paths as they are),
 * and everything of one import stored in one transaction together with its event ids, so that an import is stored
 * whole or not at all and a re-import of the same events adds nothing.
 */
@Component
class ImportWriter {
  private static final ChannelGrouping GROUPING = ChannelGrouping.ga4();

  private final ChannelCatalog channels;
  private final JourneyImport journeys;
  private final ImportedEvents imported;
  private final TransactionTemplate transactions;
  private final SpendLedger ledger;

  ImportWriter(ChannelCatalog channels, JourneyImport journeys, ImportedEvents imported,
      TransactionTemplate transactions, SpendLedger ledger) {
    this.ledger = ledger;
    this.channels = channels;
    this.journeys = journeys;
    this.imported = imported;
    this.transactions = transactions;
  }

  /**
   * What an import stored: journeys, touchpoints and conversions, events left out as imported before, spend rows, and
   * the sums of the conversions the platform reports beside its spend ({@code null} when it reports none).
   */
  record Stored(long journeys, long touchpoints, long conversions, long duplicateEvents, long spendRows,
      BigDecimal reportedConversions, BigDecimal reportedConversionValue) {
    /** The same, with {@code more} duplicates found before storing. */
    Stored plusDuplicates(long more) {
      return new Stored(journeys, touchpoints, conversions, duplicateEvents + more, spendRows, reportedConversions,
          reportedConversionValue);
    }
  }

  /** Events whose channel is known, each naming its catalogue channel, and the events refused. */
  record Resolved(List<PlatformEvent> events, List<ImportJob.Rejection> rejections) {}

  /**
   * Names each touch's channel as the catalogue spells it, from the event's channel or else its source, medium and
   * campaign through GA4's default channel groups; a touch whose channel is not in the catalogue is refused.
   *
   * @param lines each event's line in its file, or position among the platform's events, for the rejections
   */
  Resolved resolveChannels(List<PlatformEvent> events, List<Long> lines) {
    Map<String, String> catalogue = new HashMap<>();
    for (Channel channel : channels.all()) {
      catalogue.put(channel.name().toLowerCase(Locale.ROOT), channel.name());
    }
    List<PlatformEvent> accepted = new ArrayList<>(events.size());
    List<ImportJob.Rejection> rejections = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      UserEvent e = events.get(i).event();
      if (!e.isTouch()) {
        accepted.add(events.get(i));
        continue;
      }
      String wanted = e.channel() != null && !e.channel().isBlank() ? e.channel().strip()
          : GROUPING.channelFor(e.source(), e.medium(), e.campaign());
      String name = catalogue.get(wanted.toLowerCase(Locale.ROOT));
      if (name == null) {
        rejections.add(new ImportJob.Rejection(lines.get(i), "channel \"" + wanted
            + "\" is not in the channel catalogue; add it with POST /api/v1/attribution/channels"));
        continue;
      }
      accepted.add(new PlatformEvent(events.get(i).eventId(), withChannel(e, name)));
    }
    return new Resolved(accepted, rejections);
  }

  /**
   * Stores the journeys of the events not imported before, in one transaction with their event ids.
   *
   * @param events events whose channels {@link #resolveChannels} named
   * @param finish records the job's end within the same transaction, so that the journeys and the job's success are
   *     stored together or not at all; it throws to roll everything back
   */
  Stored store(String platform, long jobId, List<PlatformEvent> events, Consumer<Stored> finish) {
    return store(platform, jobId, events, null, finish);
  }

  /**
   * Stores the journeys of the events not imported before and the platform's spend of the range's days, in one
   * transaction with the event ids and the job's end: all of it or nothing.
   *
   * @param events events whose channels {@link #resolveChannels} named
   * @param spend spend whose channels {@link SpendRows#resolve} named, or {@code null} for none
   * @param finish records the job's end within the same transaction; it throws to roll everything back
   */
  Stored store(String platform, long jobId, List<PlatformEvent> events, SpendRows.Resolved spend,
      Consumer<Stored> finish) {
    return transactions.execute(tx -> {
      List<String> ids = events.stream().map(PlatformEvent::eventId).toList();
      Set<String> known = imported.known(platform, ids);
      Set<String> taken = new HashSet<>(known);
      List<UserEvent> fresh = new ArrayList<>(events.size());
      List<String> freshIds = new ArrayList<>(events.size());
      for (PlatformEvent event : events) {
        if (taken.add(event.eventId())) {
          fresh.add(event.event());
          freshIds.add(event.eventId());
        }
      }
      Map<String, Long> channelIds = new HashMap<>();
      for (Channel channel : channels.all()) {
        channelIds.put(channel.name(), channel.id());
      }
      List<Journey> built = JourneyBuilder.defaults().grouping(GROUPING).build(fresh).journeys();
      List<ImportedJourney> toStore = new ArrayList<>(built.size());
      long touches = 0;
      long purchases = 0;
      for (Journey journey : built) {
        ImportedJourney j = imported(journey, channelIds);
        touches += j.touchpoints().size();
        purchases += j.conversions().size();
        toStore.add(j);
      }
      if (!toStore.isEmpty()) {
        journeys.importJourneys(toStore);
      }
      imported.record(platform, jobId, freshIds);
      long spendRows = 0;
      if (spend != null) {
        for (SpendRows.Account account : spend.accounts()) {
          spendRows += spend.replace()
              ? ledger.replace(platform, account.accountId(), spend.first(), spend.last(), account.rows())
              : ledger.upsert(account.rows());
        }
      }
      Stored stored = new Stored(toStore.size(), touches, purchases, events.size() - fresh.size(), spendRows,
          spend == null ? null : spend.reportedConversions(), spend == null ? null : spend.reportedConversionValue());
      finish.accept(stored);
      return stored;
    });
  }

  private static ImportedJourney imported(Journey journey, Map<String, Long> channelIds) {
    List<ImportedJourney.Touch> touches = new ArrayList<>(journey.touchpoints().size());
    Instant start = null;
    for (Touchpoint t : journey.touchpoints()) {
      Long channel = channelIds.get(t.channel().name());
      if (channel == null) {
        // The catalogue lost the channel between resolving and storing: nothing of the import is kept.
        throw new IllegalStateException("channel " + t.channel().name() + " was removed during the import");
      }
      touches.add(new ImportedJourney.Touch(channel, t.type() == null ? "visit" : t.type(), t.timestamp(),
          t.cost() == null ? BigDecimal.ZERO : t.cost(),
          t.engagementScore() == null ? null : BigDecimal.valueOf(t.engagementScore()),
          t.timeSpentSeconds() > 0 ? Math.toIntExact(t.timeSpentSeconds()) : null,
          t.pagesViewed() > 0 ? t.pagesViewed() : null, t.campaign(), null, null));
      start = start == null || t.timestamp().isBefore(start) ? t.timestamp() : start;
    }
    List<ImportedJourney.Purchase> purchases = new ArrayList<>(journey.conversions().size());
    for (Conversion c : journey.conversions()) {
      purchases.add(new ImportedJourney.Purchase(c.type() == null ? "purchase" : c.type(), c.timestamp(),
          c.revenue() == null ? BigDecimal.ZERO : c.revenue(), 1, null, null));
      start = start == null || c.timestamp().isBefore(start) ? c.timestamp() : start;
    }
    return new ImportedJourney(journey.userId(), null, start, touches, purchases);
  }

  private static UserEvent withChannel(UserEvent e, String channel) {
    return new UserEvent(e.userId(), e.timestamp(), channel, e.source(), e.medium(), e.campaign(),
        e.touchpointType(), e.cost(), e.engagementScore(), e.timeSpentSeconds(), e.pagesViewed(), e.conversion(),
        e.conversionType(), e.revenue());
  }
}
