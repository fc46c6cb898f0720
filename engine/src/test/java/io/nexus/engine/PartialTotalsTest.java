package io.nexus.engine;

import static io.nexus.engine.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.nexus.engine.ChannelTotals.ChannelTotal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Totals over parts of the data merge into the totals of the whole, whatever the order of the merges. */
class PartialTotalsTest {
  private static final String[] CHANNELS = {"search", "email", "display", "social", "direct", "video"};

  /** {@code count} random paths of one to six touches with odd conversions and values. */
  private static JourneyBatch part(long seed, int count, ChannelDictionary channels) {
    SplittableRandom random = new SplittableRandom(seed);
    JourneyBatch.Builder builder = JourneyBatch.builder(channels);
    for (int i = 0; i < count; i++) {
      List<String> path = new ArrayList<>();
      for (int k = 0, n = 1 + random.nextInt(6); k < n; k++) {
        path.add(CHANNELS[random.nextInt(CHANNELS.length)]);
      }
      builder.addPath(path, random.nextInt(3), random.nextDouble() * 1e4 / 7, random.nextInt(4));
    }
    return builder.build();
  }

  private static PartialTotals totals(FittedModel fit, JourneyBatch batch) {
    return new PartialTotals(fit, batch.channels()).add(batch);
  }

  @Test
  void partsMergeToTheSameTotalsInAnyOrder() {
    FittedModel linear = Models.create("linear").fit(Fixtures.paths(row("search", 1, 0)));
    List<JourneyBatch> parts = List.of(part(1, 3_000, new ChannelDictionary()), part(2, 2_000, new ChannelDictionary()),
        part(3, 4_000, new ChannelDictionary()));

    ChannelTotals abc = totals(linear, parts.get(0)).merge(totals(linear, parts.get(1)))
        .merge(totals(linear, parts.get(2))).complete();
    ChannelTotals cab = totals(linear, parts.get(2)).merge(totals(linear, parts.get(0)).merge(
        totals(linear, parts.get(1)))).complete();

    assertThat(cab).isEqualTo(abc);
  }

  @Test
  void mergedPartsGiveTheTotalsOfTheWholeBatch() {
    ChannelDictionary channels = new ChannelDictionary();
    JourneyBatch first = part(4, 5_000, channels);
    JourneyBatch second = part(5, 5_000, channels);
    JourneyBatch whole = JourneyBatch.builder(new ChannelDictionary()).addAll(first).addAll(second).build();
    FittedModel positionBased = Models.create("position_based").fit(whole);

    ChannelTotals merged = totals(positionBased, first).merge(totals(positionBased, second)).complete();
    ChannelTotals direct = Attribution.totals(positionBased, whole);

    assertThat(merged.channels()).extracting(t -> t.channel().name())
        .containsExactly("direct", "display", "email", "search", "social", "video");
    for (ChannelTotal total : direct.channels()) {
      assertThat(merged.value(total.channel().name())).isCloseTo(total.value(), within(1e-9 * total.value()));
      assertThat(merged.conversions(total.channel().name()))
          .isCloseTo(total.conversions(), within(1e-12 * total.conversions()));
    }
  }

  @Test
  void markovTotalsOfPartsAreTheSumsOfTheirJourneyCreditsWithZeroForChannelsThatNeverConverted() {
    JourneyBatch converting = Fixtures.paths(row("a > b", 3, 1), row("b", 1, 2));
    // Neither a conversion nor a null: the chain never sees c, and no conversion credits it.
    JourneyBatch unseen = Fixtures.paths(row("c", 0, 0));
    FittedModel markov = Models.create("markov").fit(converting);

    ChannelTotals totals = new PartialTotals(markov, markov.channels().copy()).add(converting)
        .merge(totals(markov, unseen)).complete();

    ChannelTotals journeys = Attribution.totals(markov, converting);
    assertThat(totals.channels()).extracting(t -> t.channel().name()).containsExactly("a", "b", "c");
    assertThat(totals.get("a")).isEqualTo(journeys.get("a"));
    assertThat(totals.get("b")).isEqualTo(journeys.get("b"));
    assertThat(totals.conversions("a") + totals.conversions("b")).isCloseTo(4, within(1e-12));
    assertThat(totals.get("c")).isEqualTo(new ChannelTotal(Channel.named("c"), 0, 0));
  }

  @Test
  void partsShippedElsewhereMergeAndCompleteButAreNotAddedTo() throws Exception {
    FittedModel linear = Models.create("linear").fit(Fixtures.paths(row("a", 1, 0)));
    JourneyBatch batch = Fixtures.paths(row("a > b", 2, 0), row("b", 1, 0));
    PartialTotals shipped = copy(totals(linear, batch));

    assertThat(new PartialTotals(linear, new ChannelDictionary()).merge(shipped).complete())
        .isEqualTo(Attribution.totals(linear, batch));
    assertThatThrownBy(() -> shipped.add(batch)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void totalsOfAnotherModelAreRefused() {
    JourneyBatch batch = Fixtures.paths(row("a", 1, 0));
    PartialTotals linear = totals(Models.create("linear").fit(batch), batch);

    assertThatThrownBy(() -> linear.merge(totals(Models.create("first_touch").fit(batch), batch)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first_touch");
  }

  private static PartialTotals copy(PartialTotals totals) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(totals);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (PartialTotals) in.readObject();
    }
  }
}
