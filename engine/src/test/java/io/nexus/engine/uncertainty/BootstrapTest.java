package io.nexus.engine.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.nexus.engine.Attribution;
import io.nexus.engine.Attribution.ModelRun;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.Fixtures;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.Models;
import io.nexus.engine.PartialTotals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bootstrap's promises: intervals around the estimate, reproducible, narrowing with data, honest coverage. */
class BootstrapTest {
  private static final String DEFAULTS = "first_touch,last_touch,linear,position_based,markov";

  private static List<ModelRun> pointEstimates(JourneyBatch batch, String models) {
    return Attribution.runAll(batch, Models.createAll(models));
  }

  @Test
  void everyModelsIntervalsContainItsPointEstimate() {
    JourneyBatch batch = KnownChain.paths(20_000, 11);
    List<ModelRun> runs = pointEstimates(batch, DEFAULTS + ",shapley,counterfactual");

    List<ModelIntervals> intervals = Bootstrap.replicates(200).run(batch, runs);

    assertThat(intervals).hasSize(runs.size());
    for (int m = 0; m < runs.size(); m++) {
      assertThat(intervals.get(m).model()).isEqualTo(runs.get(m).totals().model());
      assertThat(intervals.get(m).replicates()).hasSize(200);
      for (ChannelInterval channel : intervals.get(m).channels()) {
        assertThat(channel.conversionsInterval().contains(channel.conversions()))
            .as("%s %s conversions %s in %s", intervals.get(m).model(), channel.channel().name(),
                channel.conversions(), channel.conversionsInterval()).isTrue();
        assertThat(channel.valueInterval().contains(channel.value()))
            .as("%s %s value", intervals.get(m).model(), channel.channel().name()).isTrue();
        assertThat(channel.conversionsInterval().width()).isPositive();
      }
    }
  }

  @Test
  void journeysWithTimesAreResampledJourneyByJourney() {
    List<Journey> journeys = new ArrayList<>();
    String[][] paths = {{"search", "email"}, {"social", "search"}, {"email"}, {"social", "email", "search"}};
    for (int j = 0; j < 2_000; j++) {
      journeys.add(Fixtures.journey(String.valueOf(j), j % 3 == 0 ? null : String.valueOf(10 + j % 7),
          paths[j % paths.length]));
    }
    JourneyBatch batch = JourneyBatch.of(journeys);
    List<ModelRun> runs = pointEstimates(batch, "time_decay,linear,markov");

    List<ModelIntervals> intervals = Bootstrap.replicates(100).run(batch, runs);

    for (ModelIntervals model : intervals) {
      for (ChannelInterval channel : model.channels()) {
        assertThat(channel.valueInterval().contains(channel.value())).as(model.model()).isTrue();
        assertThat(channel.valueInterval().width()).isPositive();
      }
    }
  }

  private static JourneyBatch journeys(int count, int offset) {
    List<Journey> journeys = new ArrayList<>();
    String[][] paths = {{"search", "email"}, {"social", "search"}, {"email"}, {"social", "email", "search"}};
    for (int j = offset; j < offset + count; j++) {
      journeys.add(Fixtures.journey(String.valueOf(j), j % 3 == 0 ? null : String.valueOf(10 + j % 7),
          paths[(j / 2) % paths.length]));
    }
    return JourneyBatch.of(journeys);
  }

  @Test
  void aModelFittedOnTheJourneysItCreditsGetsTheSameIntervalsFromEitherEntry() {
    JourneyBatch batch = journeys(1_000, 0);
    for (ModelRun run : pointEstimates(batch, "linear,markov")) {
      ModelIntervals together = Bootstrap.replicates(40).run(batch, List.of(run)).get(0);
      ModelIntervals apart = Bootstrap.replicates(40).run(batch, batch, run);

      assertThat(apart).isEqualTo(together);
    }
  }

  @Test
  void aModelFittedOnATrainingWindowIsRefittedPerReplicateAndTotalsTheCreditedJourneys() {
    JourneyBatch training = journeys(3_000, 0);
    JourneyBatch credited = journeys(500, 2_500);
    var model = Models.create("markov");
    var fit = model.fit(training);
    ModelRun point = new ModelRun(model, fit, Attribution.totals(fit, credited));

    ModelIntervals intervals = Bootstrap.replicates(100).run(training, credited, point);

    for (ChannelInterval channel : intervals.channels()) {
      assertThat(channel.valueInterval().contains(channel.value())).isTrue();
      assertThat(channel.valueInterval().width()).isPositive();
    }
    assertThatThrownBy(() -> Bootstrap.replicates(10).run(KnownChain.paths(100, 1), credited, point))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("journey id");
  }

  @Test
  void partsReweightedApartAndPutTogetherGiveIntervalsAroundTheEstimate() {
    // As a cluster does it: two parts, each replicate's totals merged from the parts' totals.
    JourneyBatch first = KnownChain.paths(10_000, 31);
    JourneyBatch second = KnownChain.paths(10_000, 32).withChannels(first.channels());
    Bootstrap bootstrap = Bootstrap.replicates(100);
    var linear = Models.create("linear");
    var fit = linear.fit(first);
    ChannelTotals point = new PartialTotals(fit, first.channels()).add(first).add(second).complete();
    List<ChannelTotals> replicates = new ArrayList<>();
    for (int b = 0; b < 100; b++) {
      replicates.add(new PartialTotals(fit, first.channels())
          .add(bootstrap.replicateOfPart(first, b, 1)).add(bootstrap.replicateOfPart(second, b, 2)).complete());
    }

    ModelIntervals intervals = bootstrap.intervals(point, replicates);

    assertThat(bootstrap.replicateOfPart(first, 7, 1).conversions(0))
        .isEqualTo(bootstrap.replicateOfPart(first, 7, 1).conversions(0));
    for (ChannelInterval channel : intervals.channels()) {
      assertThat(channel.conversionsInterval().contains(channel.conversions())).isTrue();
      assertThat(channel.conversionsInterval().width()).isPositive();
    }
  }

  @Test
  void theSameSeedGivesTheSameIntervalsOnAnyNumberOfThreads() {
    JourneyBatch batch = KnownChain.paths(5_000, 3);
    List<ModelRun> runs = pointEstimates(batch, DEFAULTS);

    List<ModelIntervals> oneThread = Bootstrap.replicates(50).seed(7).parallelism(1).run(batch, runs);
    List<ModelIntervals> threeThreads = Bootstrap.replicates(50).seed(7).parallelism(3).run(batch, runs);
    List<ModelIntervals> otherSeed = Bootstrap.replicates(50).seed(8).parallelism(3).run(batch, runs);

    assertThat(threeThreads).isEqualTo(oneThread);
    assertThat(otherSeed).isNotEqualTo(oneThread);
  }

  @Test
  void intervalsNarrowAboutAsOneOverRootNWhenTheDataGrowsFourfold() {
    // Tolerance: the mean ratio of widths over channels and models is 0.5 within 0.1 (each width is itself an
    // estimate from 200 replicates, about 5-10 % off).
    JourneyBatch small = KnownChain.paths(20_000, 21);
    JourneyBatch large = KnownChain.paths(80_000, 22);
    List<ModelIntervals> narrow = Bootstrap.replicates(200).run(large, pointEstimates(large, DEFAULTS));
    List<ModelIntervals> wide = Bootstrap.replicates(200).run(small, pointEstimates(small, DEFAULTS));

    double sum = 0;
    int count = 0;
    for (int m = 0; m < wide.size(); m++) {
      for (ChannelInterval channel : wide.get(m).channels()) {
        // Conversions scale with n; their relative width is what shrinks as 1/sqrt(n).
        double relativeSmall = channel.conversionsInterval().width() / channel.conversions();
        ChannelInterval big = narrow.get(m).get(channel.channel());
        double relativeLarge = big.conversionsInterval().width() / big.conversions();
        sum += relativeLarge / relativeSmall;
        count++;
      }
    }
    assertThat(sum / count).isCloseTo(0.5, within(0.1));
  }

  @Test
  void theSharesOfTheChainsTrueRemovalEffectsFallInsideNinetyPercentIntervalsAboutNinetyPercentOfTheTime() {
    // 100 data sets of 2,000 journeys from a known chain, 200 replicates each: 300 intervals (3 channels). Tolerance:
    // coverage between 0.82 and 0.97, about three binomial standard deviations around 0.9 allowing for the shares'
    // correlation within a data set.
    int covered = 0;
    int checked = 0;
    for (int draw = 0; draw < 100; draw++) {
      JourneyBatch batch = KnownChain.paths(2_000, 1000 + draw);
      ModelIntervals markov = Bootstrap.replicates(200).seed(draw).run(batch, pointEstimates(batch, "markov")).get(0);
      for (int c = 0; c < KnownChain.CHANNELS.length; c++) {
        Interval share = Interval.percentile(shares(markov, KnownChain.CHANNELS[c]), 0.9);
        covered += share.contains(KnownChain.trueShare(c)) ? 1 : 0;
        checked++;
      }
    }

    assertThat((double) covered / checked).isBetween(0.82, 0.97);
  }

  private static double[] shares(ModelIntervals model, String channel) {
    double[] shares = new double[model.replicates().size()];
    for (int b = 0; b < shares.length; b++) {
      ChannelTotals totals = model.replicates().get(b);
      double all = totals.channels().stream().mapToDouble(ChannelTotals.ChannelTotal::conversions).sum();
      shares[b] = totals.conversions(channel) / all;
    }
    return shares;
  }

  @Test
  void aChannelTiedWithAnotherChangesRankOftenAClearLeaderNever() {
    JourneyBatch batch = Fixtures.paths(Fixtures.row("a", 1000, 1000, 500), Fixtures.row("b", 1001, 1001, 500),
        Fixtures.row("c", 5000, 5000, 500));

    ModelIntervals linear = Bootstrap.replicates(200).run(batch, pointEstimates(batch, "linear")).get(0);

    assertThat(linear.get("c").rankChangeShare()).isZero();
    assertThat(linear.get("a").rankChangeShare()).isBetween(0.3, 0.7);
    assertThat(linear.get("b").rankChangeShare()).isBetween(0.3, 0.7);
  }

  @Test
  void multinomialReplicatesKeepTheNumberOfJourneys() {
    // Every journey converts: a multinomial replicate draws exactly as many, so total conversions never move.
    JourneyBatch batch = Fixtures.paths(Fixtures.row("a > b", 300, 300, 0), Fixtures.row("b", 200, 200, 0),
        Fixtures.row("c > a", 500, 500, 0));

    ModelIntervals linear = Bootstrap.replicates(50).resampling(Resampling.MULTINOMIAL)
        .run(batch, pointEstimates(batch, "linear")).get(0);

    for (ChannelTotals replicate : linear.replicates()) {
      double total = replicate.channels().stream().mapToDouble(ChannelTotals.ChannelTotal::conversions).sum();
      assertThat(total).isCloseTo(1000, within(1e-9));
    }
    assertThat(linear.get("b").conversionsInterval().width()).isPositive();
  }

  @Test
  void multinomialResamplingRefusesCountsThatAreNotWhole() {
    JourneyBatch batch = Fixtures.paths(Fixtures.row("a", 1.5, 3, 0));

    assertThatThrownBy(() -> Bootstrap.replicates(10).resampling(Resampling.MULTINOMIAL)
        .run(batch, pointEstimates(batch, "linear")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1").hasMessageContaining("whole");
  }

  @Test
  void settingsOutsideTheirRangeAreRefused() {
    assertThatThrownBy(() -> Bootstrap.replicates(1)).hasMessageContaining("at least 2");
    assertThatThrownBy(() -> Bootstrap.replicates(10).confidence(1)).hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> Bootstrap.replicates(10).parallelism(0)).hasMessageContaining("at least 1");
  }
}
