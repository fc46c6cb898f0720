package io.nexus.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JourneyBatchWithChannelsTest {
  private static final Instant T = Instant.parse("2025-01-05T10:00:00Z");

  private static JourneyBatch journeys(ChannelDictionary dictionary) {
    Journey converted = new Journey(JourneyId.of("u1", 1), "u1",
        List.of(Touchpoint.of("email", T, "lead", BigDecimal.ONE), Touchpoint.of("search", T.plusSeconds(60))),
        List.of(Conversion.of(T.plusSeconds(120), new BigDecimal("9.50"))));
    Journey lost = new Journey(JourneyId.of("u2", 1), "u2", List.of(Touchpoint.of("search", T)), List.of());
    return JourneyBatch.of(List.of(converted, lost), dictionary);
  }

  @Test
  void remapsChannelIdsThroughTheirNames() {
    JourneyBatch local = journeys(new ChannelDictionary());
    ChannelDictionary global = ChannelDictionary.of("search", "display", "email");

    JourneyBatch remapped = local.withChannels(global);

    assertThat(remapped.channels()).isSameAs(global);
    assertThat(remapped.channel(0)).isEqualTo(2);
    assertThat(remapped.channel(1)).isEqualTo(0);
    assertThat(remapped.path(0)).containsExactly("email", "search");
    assertThat(remapped.path(1)).containsExactly("search");
  }

  @Test
  void keepsEveryOtherColumn() {
    JourneyBatch local = journeys(new ChannelDictionary());

    JourneyBatch remapped = local.withChannels(ChannelDictionary.of("search", "email"));

    assertThat(remapped.size()).isEqualTo(2);
    assertThat(remapped.touchCount()).isEqualTo(3);
    assertThat(remapped.maxLength()).isEqualTo(2);
    assertThat(remapped.journeyId(0)).hasToString("u1#1");
    assertThat(remapped.time(1)).isEqualTo(T.plusSeconds(60).toEpochMilli());
    assertThat(remapped.type(0)).isEqualTo("lead");
    assertThat(remapped.conversions(0)).isEqualTo(1);
    assertThat(remapped.value(0)).isEqualTo(9.5);
    assertThat(remapped.nulls(1)).isEqualTo(1);
    assertThat(remapped.conversionTime(0)).isEqualTo(T.plusSeconds(120).toEpochMilli());
  }

  @Test
  void addsNamesTheTargetLacks() {
    ChannelDictionary target = ChannelDictionary.of("display");

    JourneyBatch remapped = journeys(new ChannelDictionary()).withChannels(target);

    assertThat(target.names()).containsExactly("display", "email", "search");
    assertThat(remapped.path(0)).containsExactly("email", "search");
  }

  @Test
  void isTheSameBatchForItsOwnDictionary() {
    JourneyBatch batch = journeys(new ChannelDictionary());

    assertThat(batch.withChannels(batch.channels())).isSameAs(batch);
  }
}
