package io.nexus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties every model must keep, on random journeys with times and touch types. */
class ModelPropertiesTest {
  private static final List<String> MODELS = List.of("first_touch", "last_touch", "last_non_direct", "linear",
      "time_decay", "time_decay(half_life=0.5)", "position_based", "j_shaped", "inverse_j", "w_shaped",
      "participation", "markov", "markov(order=2)", "markov(order=3)", "markov(order=4)", "shapley",
      "counterfactual");
  private static final List<String> CHANNELS = List.of("direct", "email", "search", "social", "display", "video");
  private static final List<String> TYPES = List.of("impression", "click", "visit", "lead");

  @Provide
  Arbitrary<String> models() {
    return Arbitraries.of(MODELS);
  }

  @Provide
  Arbitrary<List<Journey>> journeys() {
    Arbitrary<Journey> journey = Combinators.combine(
        Arbitraries.integers().between(0, CHANNELS.size() - 1).list().ofMinSize(1).ofMaxSize(8),
        Arbitraries.integers().between(0, TYPES.size() - 1).list().ofSize(8),
        Arbitraries.integers().between(0, 20 * 24).list().ofSize(8),
        Arbitraries.integers().between(0, 3),
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("500")).ofScale(2))
        .as((channels, types, hours, conversions, value) -> {
          List<Touchpoint> touches = new ArrayList<>();
          for (int i = 0; i < channels.size(); i++) {
            touches.add(Touchpoint.of(CHANNELS.get(channels.get(i)),
                Fixtures.T0.minus(Duration.ofHours(hours.get(i))), TYPES.get(types.get(i)), BigDecimal.ONE));
          }
          List<Conversion> converted = new ArrayList<>();
          for (int c = 0; c < conversions; c++) {
            converted.add(Conversion.of(Fixtures.T0, c == 0 ? value : BigDecimal.TEN));
          }
          return new Journey(JourneyId.of(0), "u", touches, converted);
        });
    return journey.list().ofMinSize(1).ofMaxSize(40).map(ModelPropertiesTest::numbered);
  }

  private static List<Journey> numbered(List<Journey> journeys) {
    List<Journey> result = new ArrayList<>();
    for (int i = 0; i < journeys.size(); i++) {
      Journey j = journeys.get(i);
      result.add(new Journey(JourneyId.of(i), j.userId(), j.touchpoints(), j.conversions()));
    }
    return result;
  }

  @Property(tries = 150)
  void sharesAreNonNegativeAndAJourneysCreditsSumToOne(@ForAll("models") String spec,
      @ForAll("journeys") List<Journey> journeys) {
    JourneyBatch batch = JourneyBatch.of(journeys);
    FittedModel model = Models.create(spec).fit(batch);
    for (int row = 0; row < batch.size(); row++) {
      double[] shares = Fixtures.shares(model, batch, row);
      double sum = 0;
      for (double s : shares) {
        assertThat(s).isGreaterThanOrEqualTo(0);
        sum += s;
      }
      double expected = model.additive() ? 1 : batch.path(row).stream().distinct().count();
      assertThat(sum).isCloseTo(expected, within(1e-9));
    }
  }

  @Property(tries = 150)
  void channelValuesAddUpToTheTotalConversionValue(@ForAll("models") String spec,
      @ForAll("journeys") List<Journey> journeys) {
    JourneyBatch batch = JourneyBatch.of(journeys);
    ChannelTotals totals = Fixtures.totals(spec, batch);
    if (spec.equals("participation")) {
      return;
    }
    double value = 0;
    double conversions = 0;
    for (int row = 0; row < batch.size(); row++) {
      value += batch.value(row);
      conversions += batch.conversions(row);
    }
    double attributedValue = totals.channels().stream().mapToDouble(ChannelTotals.ChannelTotal::value).sum();
    double attributedConversions =
        totals.channels().stream().mapToDouble(ChannelTotals.ChannelTotal::conversions).sum();
    assertThat(attributedValue).isCloseTo(value, within(1e-9 * Math.max(1, value)));
    assertThat(attributedConversions).isCloseTo(conversions, within(1e-9 * Math.max(1, conversions)));
  }

  @Property(tries = 100)
  void aSingleTouchJourneyGetsAllTheCredit(@ForAll("models") String spec,
      @ForAll("journeys") List<Journey> journeys) {
    List<Journey> withSingle = new ArrayList<>(journeys);
    withSingle.add(Fixtures.journey("single", "42.00", "email"));
    JourneyBatch batch = JourneyBatch.of(withSingle);
    FittedModel model = Models.create(spec).fit(batch);
    assertThat(Fixtures.shares(model, batch, batch.size() - 1)).containsExactly(1);
    JourneyCredits credits = Attribution.credit(model, withSingle.get(withSingle.size() - 1));
    assertThat(credits.get("email").value()).isEqualByComparingTo("42.00");
  }

  @Property(tries = 100)
  void theOrderOfJourneysDoesNotMatter(@ForAll("models") String spec, @ForAll("journeys") List<Journey> journeys,
      @ForAll long seed) {
    List<Journey> shuffled = new ArrayList<>(journeys);
    Collections.shuffle(shuffled, new Random(seed));
    ChannelTotals original = Fixtures.totals(spec, JourneyBatch.of(journeys));
    ChannelTotals reordered = Fixtures.totals(spec, JourneyBatch.of(shuffled));
    assertThat(reordered.channels()).hasSameSizeAs(original.channels());
    for (ChannelTotals.ChannelTotal total : original.channels()) {
      assertClose(reordered.conversions(total.channel().name()), total.conversions());
      assertClose(reordered.value(total.channel().name()), total.value());
    }
  }

  @Property(tries = 100)
  void relabellingChannelsRelabelsTheResults(@ForAll("models") String spec,
      @ForAll("journeys") List<Journey> journeys) {
    List<Journey> relabelled = new ArrayList<>();
    for (Journey j : journeys) {
      List<Touchpoint> touches = j.touchpoints().stream()
          .map(t -> t.withChannel(Channel.named(rename(t.channel().name())))).toList();
      relabelled.add(new Journey(j.id(), j.userId(), touches, j.conversions()));
    }
    ChannelTotals original = Fixtures.totals(spec, JourneyBatch.of(journeys));
    ChannelTotals renamed = Fixtures.totals(spec, JourneyBatch.of(relabelled));
    for (ChannelTotals.ChannelTotal total : original.channels()) {
      assertClose(renamed.conversions(rename(total.channel().name())), total.conversions());
      assertClose(renamed.value(rename(total.channel().name())), total.value());
    }
  }

  @Property(tries = 100)
  void exactJourneyValuesAddUpToTheConversionValue(@ForAll("models") String spec,
      @ForAll("journeys") List<Journey> journeys) {
    FittedModel model = Models.create(spec).fit(JourneyBatch.of(journeys));
    for (Journey journey : journeys) {
      JourneyCredits credits = Attribution.credit(model, journey);
      if (model.additive()) {
        BigDecimal sum = credits.credits().stream().map(ChannelCredit::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(journey.conversionValue());
      }
      assertThat(credits.credits()).allSatisfy(c -> assertThat(c.value().signum()).isGreaterThanOrEqualTo(0));
    }
  }

  /** Journeys whose conversions happen at any time: before, between and after the touches. */
  @Provide
  Arbitrary<List<Journey>> journeysConvertingAnyTime() {
    Arbitrary<Journey> journey = Combinators.combine(
        Arbitraries.integers().between(0, CHANNELS.size() - 1).list().ofMinSize(1).ofMaxSize(8),
        Arbitraries.integers().between(0, 48).list().ofSize(8),
        Arbitraries.integers().between(0, 48).list().ofMinSize(0).ofMaxSize(4),
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("500")).ofScale(2).list().ofSize(4))
        .as((channels, touchHours, conversionHours, values) -> {
          List<Touchpoint> touches = new ArrayList<>();
          for (int i = 0; i < channels.size(); i++) {
            touches.add(Touchpoint.of(CHANNELS.get(channels.get(i)),
                Fixtures.T0.plus(Duration.ofHours(touchHours.get(i))), TYPES.get(i % TYPES.size()), BigDecimal.ONE));
          }
          List<Conversion> converted = new ArrayList<>();
          for (int c = 0; c < conversionHours.size(); c++) {
            converted.add(Conversion.of(Fixtures.T0.plus(Duration.ofHours(conversionHours.get(c))), values.get(c)));
          }
          return new Journey(JourneyId.of(0), "u", touches, converted);
        });
    return journey.list().ofMinSize(1).ofMaxSize(30).map(ModelPropertiesTest::numbered);
  }

  @Property(tries = 150)
  void creditsAddUpToTheCreditedValueAndTouchesAfterEveryConversionEarnNothing(@ForAll("models") String spec,
      @ForAll("journeysConvertingAnyTime") List<Journey> journeys) {
    FittedModel model = Models.create(spec).fit(JourneyBatch.of(journeys));
    for (Journey journey : journeys) {
      JourneyCredits credits = Attribution.credit(model, journey);
      BigDecimal uncredited = credits.uncredited().stream().map(Conversion::revenue)
          .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(credits.value().add(uncredited)).isEqualByComparingTo(journey.conversionValue());
      assertThat(credits.conversions() + credits.uncredited().size()).isEqualTo(journey.conversions().size());
      if (model.additive() && journey.creditable()) {
        BigDecimal sum = credits.credits().stream().map(ChannelCredit::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(credits.value());
        double conversions = credits.credits().stream().mapToDouble(ChannelCredit::conversions).sum();
        assertThat(conversions).isCloseTo(credits.conversions(), within(1e-9));
        double shares = credits.touchShares().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(shares).isCloseTo(1, within(1e-9));
      }
      Instant last = journey.conversionTime();
      for (int i = 0; i < journey.touchpoints().size() && last != null; i++) {
        if (journey.touchpoints().get(i).timestamp().isAfter(last)) {
          assertThat(credits.touchShares().get(i)).isZero();
        }
      }
    }
  }

  @Property(tries = 100)
  void batchTotalsAreTheSumOfTheJourneysCredits(@ForAll("models") String spec,
      @ForAll("journeysConvertingAnyTime") List<Journey> journeys) {
    JourneyBatch batch = JourneyBatch.of(journeys);
    FittedModel model = Models.create(spec).fit(batch);
    ChannelTotals totals = Attribution.totals(model, batch);
    for (ChannelTotals.ChannelTotal total : totals.channels()) {
      double value = 0;
      double conversions = 0;
      for (Journey journey : journeys) {
        ChannelCredit credit = Attribution.credit(model, journey).get(total.channel());
        if (credit != null) {
          value += credit.value().doubleValue();
          conversions += credit.conversions();
        }
      }
      // Each conversion time's value is split to the cent on its own: less than a cent off per conversion.
      int conversionCount = journeys.stream().mapToInt(j -> j.conversions().size()).sum();
      assertThat(total.value()).isCloseTo(value, within(0.01 * conversionCount + 1e-9));
      assertClose(total.conversions(), conversions);
    }
  }

  private static String rename(String channel) {
    // A bijection that also changes the channels' sort order; direct keeps its name, which last_non_direct reads.
    if (channel.equals("direct")) {
      return channel;
    }
    return "z" + (char) ('z' - channel.charAt(0)) + channel;
  }

  private static void assertClose(double actual, double expected) {
    assertThat(actual).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
  }
}
