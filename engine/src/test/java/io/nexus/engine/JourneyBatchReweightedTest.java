package io.nexus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch with new counts shares its touches: how bootstrap replicates are made without reading the data again. */
class JourneyBatchReweightedTest {

  @Test
  void reweightingMultipliesConversionsAndValueByOneWeightAndNullsByTheOther() {
    JourneyBatch batch = Fixtures.paths(Fixtures.row("a > b", 2, 30, 4), Fixtures.row("c", 1, 5, 0));

    JourneyBatch replicate = batch.reweighted(new double[] {3, 0}, new double[] {0.5, 2});

    assertThat(replicate.conversions(0)).isEqualTo(6);
    assertThat(replicate.value(0)).isEqualTo(90);
    assertThat(replicate.nulls(0)).isEqualTo(2);
    assertThat(replicate.conversions(1)).isZero();
    assertThat(replicate.path(0)).containsExactly("a", "b");
    assertThat(batch.conversions(0)).as("the original is left alone").isEqualTo(2);
  }

  @Test
  void aJourneyOfSeveralConversionTimesHasEachPathReweighted() {
    Journey journey = new Journey(JourneyId.of("u", 1), "u",
        List.of(Touchpoint.of("a", Fixtures.T0.minusSeconds(100), null, BigDecimal.ZERO),
            Touchpoint.of("b", Fixtures.T0.plusSeconds(100), null, BigDecimal.ZERO)),
        List.of(Conversion.of(Fixtures.T0, new BigDecimal("10")),
            Conversion.of(Fixtures.T0.plusSeconds(200), new BigDecimal("20"))));
    JourneyBatch batch = JourneyBatch.of(List.of(journey));

    JourneyBatch replicate = batch.reweighted(new double[] {2}, new double[] {2});

    assertThat(replicate.paths(0)).isEqualTo(2);
    assertThat(replicate.pathValue(0, 0)).isEqualTo(20);
    assertThat(replicate.pathValue(0, 1)).isEqualTo(40);
    assertThat(replicate.pathConversions(0, 1)).isEqualTo(2);
  }

  @Test
  void newCountsReplaceAPathFilesCounts() {
    JourneyBatch batch = Fixtures.paths(Fixtures.row("a > b", 2, 30, 4));

    JourneyBatch replicate = batch.withCounts(new double[] {5}, new double[] {75}, new double[] {1});

    assertThat(replicate.conversions(0)).isEqualTo(5);
    assertThat(replicate.value(0)).isEqualTo(75);
    assertThat(replicate.nulls(0)).isEqualTo(1);
    assertThat(replicate.touchCount()).isEqualTo(2);
  }

  @Test
  void weightsAndCountsThatCannotBeAreRefused() {
    JourneyBatch batch = Fixtures.paths(Fixtures.row("a", 1, 1, 1));

    assertThatThrownBy(() -> batch.reweighted(new double[] {-1}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite numbers >= 0");
    assertThatThrownBy(() -> batch.reweighted(new double[2], new double[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one weight per row");
    assertThatThrownBy(() -> batch.withCounts(new double[] {Double.NaN}, new double[1], new double[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
