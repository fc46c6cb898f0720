package io.nexus.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributionTest {

  @Test
  void splittingAValueRoundsToItsScaleAndAddsUpExactly() {
    BigDecimal[] parts = Attribution.splitExactly(new BigDecimal("100.00"), new double[] {1, 1, 1});
    assertThat(parts).containsExactly(new BigDecimal("33.34"), new BigDecimal("33.33"), new BigDecimal("33.33"));
  }

  @Test
  void splittingKeepsAFinerScale() {
    BigDecimal[] parts = Attribution.splitExactly(new BigDecimal("0.244"), new double[] {0.5, 0.5});
    assertThat(parts[0].add(parts[1])).isEqualByComparingTo("0.244");
    assertThat(parts[0].scale()).isEqualTo(3);
  }

  @Test
  void journeyCreditsListChannelsInOrderOfFirstTouch() {
    Journey journey = Fixtures.journey("j", "99.99", "search", "email", "search");
    JourneyCredits credits = Attribution.credit(Models.create("linear").fit(JourneyBatch.of(List.of(journey))),
        journey);
    assertThat(credits.credits()).extracting(c -> c.channel().name()).containsExactly("search", "email");
    assertThat(credits.get("search").credit()).isEqualTo(2.0 / 3);
    assertThat(credits.get("search").touches()).isEqualTo(2);
    assertThat(credits.get("search").value()).isEqualByComparingTo("66.66");
    assertThat(credits.get("email").value()).isEqualByComparingTo("33.33");
  }

  @Test
  void journeyCreditsCarryWhatEachChannelsTouchesCostWithItsReturn() {
    Instant t = Fixtures.T0;
    Journey journey = new Journey(JourneyId.of(7), "u", List.of(
        Touchpoint.of("search", t.minusSeconds(300), "click", new BigDecimal("1.50")),
        Touchpoint.of("email", t.minusSeconds(200), "click", BigDecimal.ZERO),
        Touchpoint.of("search", t.minusSeconds(100), "click", new BigDecimal("0.25"))),
        List.of(Conversion.of(t, new BigDecimal("30.00"))));

    JourneyCredits credits = Attribution.credit(Models.create("linear").fit(JourneyBatch.of(List.of(journey))),
        journey);

    ChannelCredit search = credits.get("search");
    assertThat(search.cost()).isEqualByComparingTo("1.75");
    assertThat(search.value()).isEqualByComparingTo("20.00");
    assertThat(search.returnOnSpend().roi()).isEqualByComparingTo("1042.8571");
    assertThat(search.returnOnSpend().roas()).isEqualByComparingTo("11.428571");
    assertThat(credits.get("email").cost()).isEqualByComparingTo("0");
    assertThat(credits.get("email").returnOnSpend().roi()).isNull();
  }

  @Test
  void forEachCreditReportsEachChannelOfEachConvertingRowOnce() {
    JourneyBatch batch = Fixtures.paths(Fixtures.row("a > b > a", 2, 0), Fixtures.row("b", 0, 3));
    List<String> seen = new ArrayList<>();
    Attribution.forEachCredit(Models.create("linear").fit(batch), batch,
        (row, channel, credit, conversions, value) ->
            seen.add(row + ":" + batch.channels().name(channel) + "=" + credit));
    assertThat(seen).containsExactly("0:a=" + (2.0 / 3), "0:b=" + (1.0 / 3));
  }

  @Test
  void totalsListEveryChannelOnTheBatchByName() {
    JourneyBatch batch = Fixtures.paths(Fixtures.row("b > a", 1, 0), Fixtures.row("c", 0, 1));
    ChannelTotals totals = Fixtures.totals("first_touch", batch);
    assertThat(totals.channels()).extracting(t -> t.channel().name()).containsExactly("a", "b", "c");
    assertThat(totals.conversions("c")).isZero();
  }

  @Test
  void modelListsKeepParametersTogether() {
    assertThat(ModelSpec.parseList("linear, position_based(first=0.3,middle=0.4,last=0.3),markov(order=2)"))
        .extracting(ModelSpec::label)
        .containsExactly("linear", "position_based(first=0.3,middle=0.4,last=0.3)", "markov(order=2)");
  }
}
