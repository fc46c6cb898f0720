package io.nexus.engine;

import static io.nexus.engine.Fixtures.journey;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue that help texts are made from says what the registry builds: names, aliases and defaults. */
class ModelCatalogTest {
  private static final JourneyBatch JOURNEYS = JourneyBatch.of(List.of(
      journey("1", new String[] {"email", "search", "display", "search", "direct"}, new double[] {9, 6, 4, 2, 0.5},
          new String[] {"click", "lead", "impression", "click", "visit"}, "80"),
      journey("2", "20", "display", "email"),
      journey("3", null, "search", "display"),
      journey("4", "35", "direct")));

  @Test
  void everyDefaultItStatesIsTheOneTheModelUses() {
    for (ModelType type : Models.types()) {
      FittedModel plain = Models.create(type.name()).fit(JOURNEYS);
      FittedModel spelledOut = Models.create(type.withDefaults()).fit(JOURNEYS);
      for (int row = 0; row < JOURNEYS.size(); row++) {
        assertThat(Fixtures.shares(spelledOut, JOURNEYS, row)).as(type.withDefaults() + " row " + row)
            .isEqualTo(Fixtures.shares(plain, JOURNEYS, row));
      }
    }
  }

  @Test
  void saysWhichTypesLearnFromData() {
    for (ModelType type : Models.types()) {
      assertThat(Models.create(type.name()).dataDriven()).as(type.name()).isEqualTo(type.dataDriven());
    }
  }

  @Test
  void anAliasBuildsTheTypeItStandsFor() {
    FittedModel uShaped = Models.create("u_shaped").fit(JOURNEYS);
    FittedModel positionBased = Models.create("position_based").fit(JOURNEYS);

    assertThat(Fixtures.shares(uShaped, JOURNEYS, 0)).isEqualTo(Fixtures.shares(positionBased, JOURNEYS, 0));
  }

  @Test
  void writesItsUsageWithEveryDefault() {
    assertThat(Models.types()).extracting(ModelType::withDefaults).contains("first_touch", "time_decay(half_life=7)",
        "position_based(first=0.4,middle=0.2,last=0.4)", "markov(order=1)", "shapley(cap=20,samples=10000,seed=1)");
  }
}
