package io.nexus.engine.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nexus.engine.Attribution;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.ChannelTotals.ChannelTotal;
import io.nexus.engine.FittedModel;
import io.nexus.engine.Fixtures;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.Models;
import org.junit.jupiter.api.Test;

/** A rule's totals from its shares computed once are the totals the engine computes on the replicate itself. */
class LinearTotalsTest {

  @Test
  void everyRulesLinearTotalsEqualTheEnginesOnAReplicate() {
    JourneyBatch rows = Fixtures.paths(Fixtures.row("a > b > a", 3, 30, 2), Fixtures.row("b > c", 2, 50, 7),
        Fixtures.row("a > b > a", 1, 12, 0), Fixtures.row("c", 4, 44, 1), Fixtures.row("direct > b > c > a", 5, 9, 3));
    Replicates replicates = new Replicates(rows, Resampling.POISSON);
    JourneyBatch replicate = replicates.draw(99, replicates.new Scratch());

    for (String rule : new String[] {"first_touch", "last_touch", "last_non_direct", "linear", "position_based",
        "w_shaped", "participation"}) {
      FittedModel fit = Models.create(rule).fit(rows);
      ChannelTotals expected = Attribution.totals(fit, replicate);

      ChannelTotals actual = new LinearTotals(fit, replicates.original()).totals(replicate);

      assertThat(actual.model()).isEqualTo(expected.model());
      assertThat(actual.channels()).hasSameSizeAs(expected.channels());
      for (ChannelTotal total : expected.channels()) {
        assertThat(actual.get(total.channel()).conversions()).as(rule).isCloseTo(total.conversions(), within(1e-9));
        assertThat(actual.get(total.channel()).value()).as(rule).isCloseTo(total.value(), within(1e-9));
      }
    }
  }

  @Test
  void aPathFileReplicateIsItsDistinctPathsWithTheirCountsAdded() {
    JourneyBatch rows = Fixtures.paths(Fixtures.row("a > b", 3, 30, 2), Fixtures.row("b", 2, 50, 7),
        Fixtures.row("a > b", 1, 12, 4));

    JourneyBatch distinct = new Replicates(rows, Resampling.POISSON).original();

    assertThat(distinct.size()).isEqualTo(2);
    assertThat(distinct.path(0)).containsExactly("a", "b");
    assertThat(distinct.conversions(0)).isEqualTo(4);
    assertThat(distinct.value(0)).isEqualTo(42);
    assertThat(distinct.nulls(0)).isEqualTo(6);
  }
}
