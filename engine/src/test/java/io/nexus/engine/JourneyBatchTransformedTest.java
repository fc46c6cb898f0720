package io.nexus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JourneyBatchTransformedTest {
  private static JourneyBatch paths() {
    return JourneyBatch.builder(new ChannelDictionary())
        .addPath(List.of("a", "a", "b", "a"), 2, 30, 1)
        .addPath(List.of("c", "c"), 0, 0, 4)
        .build();
  }

  @Test
  void exposureCollapsesRepeatsInARowAndKeepsTheCounts() {
    JourneyBatch transformed = paths().transformed(PathTransform.EXPOSURE);

    assertThat(transformed.path(0)).containsExactly("a", "b", "a");
    assertThat(transformed.path(1)).containsExactly("c");
    assertThat(transformed.conversions(0)).isEqualTo(2);
    assertThat(transformed.value(0)).isEqualTo(30);
    assertThat(transformed.nulls(1)).isEqualTo(4);
    assertThat(transformed.maxLength()).isEqualTo(3);
  }

  @Test
  void firstKeepsEachChannelsFirstTouchInTheSameDictionary() {
    JourneyBatch raw = paths();

    JourneyBatch transformed = raw.transformed(PathTransform.FIRST);

    assertThat(transformed.path(0)).containsExactly("a", "b");
    assertThat(transformed.channels()).isSameAs(raw.channels());
  }

  @Test
  void uniqueIsTheBatchItself() {
    JourneyBatch raw = paths();

    assertThat(raw.transformed(PathTransform.UNIQUE)).isSameAs(raw);
  }

  @Test
  void journeysWithTimesAreLeftToTheJourneyBuilder() {
    Instant t = Instant.parse("2025-01-05T10:00:00Z");
    JourneyBatch journeys = JourneyBatch.of(List.of(new Journey(JourneyId.of("u", 1), "u",
        List.of(Touchpoint.of("a", t), Touchpoint.of("a", t.plusSeconds(1))), List.of())));

    assertThatThrownBy(() -> journeys.transformed(PathTransform.EXPOSURE)).isInstanceOf(IllegalStateException.class);
  }
}
