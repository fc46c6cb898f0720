package io.nexus.server.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.channel.Channel;
import io.nexus.server.journey.ImportedJourney;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo's journeys: nexus generate's users, grouped onto the catalogue's channels by GA4's rules. */
class DemoDataLoaderTest {
  private static final Instant END = Instant.parse("2026-06-01T12:00:00Z");
  private static final List<String> GA4_GROUPS = List.of("Paid Search", "Paid Social", "Email", "Display",
      "Organic Search", "Direct", "Referral", "Affiliates", "Paid Video", "Paid Shopping", "Audio", "SMS",
      "Mobile Push Notifications", "Unassigned");

  private static Map<String, Channel> catalogue(List<String> names) {
    Map<String, Channel> channels = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      channels.put(names.get(i), new Channel(i + 1, names.get(i), "other", null, null, null, null, true, Map.of(),
          END, END));
    }
    return channels;
  }

  @Test
  void asManyJourneysAsAskedInTheNinetyDaysBeforeTheEnd() {
    List<ImportedJourney> journeys = DemoDataLoader.journeys(2_000, catalogue(GA4_GROUPS), END);

    assertThat(journeys).hasSize(2_000);
    for (ImportedJourney journey : journeys) {
      assertThat(journey.startTime()).isBetween(END.minus(Duration.ofDays(90)), END);
      assertThat(journey.touchpoints()).isNotEmpty();
      journey.touchpoints().forEach(t -> assertThat(t.timestamp()).isBeforeOrEqualTo(END));
      journey.conversions().forEach(c -> assertThat(c.timestamp()).isBeforeOrEqualTo(END));
    }
    assertThat(journeys).anyMatch(j -> !j.conversions().isEmpty()).anyMatch(j -> j.conversions().isEmpty());
  }

  @Test
  void touchesLandOnTheCataloguesGa4Groups() {
    Map<String, Channel> catalogue = catalogue(GA4_GROUPS);
    Set<Long> used = new HashSet<>();

    DemoDataLoader.journeys(2_000, catalogue, END).forEach(j -> j.touchpoints().forEach(t -> used.add(t.channelId())));

    assertThat(used).contains(catalogue.get("Paid Search").id(), catalogue.get("Email").id(),
        catalogue.get("Direct").id(), catalogue.get("Organic Search").id()).hasSizeGreaterThan(10);
    assertThat(used).doesNotContain(catalogue.get("Unassigned").id());
  }

  @Test
  void touchesOnChannelsTheCatalogueLacksAreLeftOut() {
    Map<String, Channel> catalogue = catalogue(List.of("Email"));

    List<ImportedJourney> journeys = DemoDataLoader.journeys(200, catalogue, END);

    assertThat(journeys).hasSize(200);
    journeys.forEach(j -> j.touchpoints().forEach(t -> assertThat(t.channelId()).isEqualTo(1)));
  }

  @Test
  void theSameEndGivesTheSameJourneys() {
    assertThat(DemoDataLoader.journeys(300, catalogue(GA4_GROUPS), END))
        .isEqualTo(DemoDataLoader.journeys(300, catalogue(GA4_GROUPS), END));
  }

  @Test
  void aCatalogueWithoutAnyOfTheGroupsGetsNothingRatherThanALoop() {
    assertThat(DemoDataLoader.journeys(100, catalogue(List.of("Print")), END)).isEmpty();
  }
}
