package io.nexus.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A channel is its catalogue id when it has one, else its name; direct traffic is a property of the channel. */
class ChannelTest {
  private static final Instant T = Instant.parse("2025-03-01T00:00:00Z");

  @Test
  void aCatalogueChannelIsItsIdWhateverItIsCalled() {
    assertThat(new Channel(7, "Direct", true)).isEqualTo(new Channel(7, "Typed-in", true))
        .hasSameHashCodeAs(new Channel(7, "Typed-in", true));
    assertThat(new Channel(7, "Direct", true)).isNotEqualTo(new Channel(8, "Direct", true));
  }

  @Test
  void aChannelOfAFileIsItsName() {
    assertThat(Channel.named("email")).isEqualTo(Channel.named(" email "));
    assertThat(Channel.named("email")).isNotEqualTo(new Channel(3, "email", false));
  }

  @Test
  void aFileChannelIsDirectByItsName() {
    assertThat(Channel.named("Direct").direct()).isTrue();
    assertThat(Channel.named("(direct)").direct()).isTrue();
    assertThat(Channel.named("Direct Mail").direct()).isFalse();
  }

  @Test
  void aRenamedChannelKeepsItsDictionaryId() {
    ChannelDictionary dictionary = ChannelDictionary.of(new Channel(7, "Direct", true));
    assertThat(dictionary.idOf(new Channel(7, "Typed-in", true))).isZero();
    assertThat(dictionary.size()).isEqualTo(1);
  }

  @Test
  void creditsComeBackWithTheChannelsTheJourneyGave() {
    Channel search = new Channel(1, "Paid Search", false);
    Journey journey = new Journey(JourneyId.of(42), "u", List.of(Touchpoint.of(search, T)),
        List.of(Conversion.of(T.plusSeconds(60), new BigDecimal("9.99"))));
    JourneyCredits credits = Attribution.credit(Models.create("linear").fit(JourneyBatch.of(List.of(journey))),
        journey);
    assertThat(credits.journeyId()).isEqualTo(JourneyId.of(42));
    assertThat(credits.credits().get(0).channel().id()).isEqualTo(1);
  }

  @Test
  void journeyIdsReadAsFilesWriteThem() {
    assertThat(JourneyId.of("user_1", 2)).hasToString("user_1#2");
    assertThat(JourneyId.of(17)).hasToString("17");
  }
}
