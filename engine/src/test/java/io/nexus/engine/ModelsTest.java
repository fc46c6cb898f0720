package io.nexus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The registry owns the model types, their aliases and their defaults. */
class ModelsTest {

  @Test
  void listsEveryTypeRulesFirstWithItsDefaults() {
    assertThat(Models.types()).extracting(ModelType::withDefaults).containsExactly(
        "first_touch", "last_touch", "last_non_direct", "linear", "time_decay(half_life=7)",
        "position_based(first=0.4,middle=0.2,last=0.4)", "j_shaped(first=0.2,middle=0.2,last=0.6)",
        "inverse_j(first=0.6,middle=0.2,last=0.2)",
        "w_shaped(first=0.3,milestone=0.3,last=0.3,rest=0.1,milestone_types=lead)", "participation",
        "markov(order=1)", "shapley(cap=20,samples=10000,seed=1)", "counterfactual");
  }

  @Test
  void saysWhichTypesLearnFromJourneysAndWhichDoNotAddUp() {
    assertThat(Models.types()).filteredOn(ModelType::dataDriven).extracting(ModelType::name)
        .containsExactly("markov", "shapley", "counterfactual");
    assertThat(Models.types()).filteredOn(t -> !t.additive()).extracting(ModelType::name)
        .containsExactly("participation");
  }

  @Test
  void fillsInDefaultsSoThatEqualModelsHaveEqualSpecs() {
    assertThat(Models.withDefaults(ModelSpec.parse("markov"))).isEqualTo(ModelSpec.parse("markov(order=1)"));
    assertThat(Models.withDefaults(ModelSpec.parse("time_decay(half_life=7.0)")))
        .isEqualTo(Models.withDefaults(ModelSpec.parse("time_decay")));
    assertThat(Models.withDefaults(ModelSpec.parse("position_based(middle=0.20,first=0.40)")).label())
        .isEqualTo("position_based(first=0.4,middle=0.2,last=0.4)");
    assertThat(Models.withDefaults(ModelSpec.parse("w_shaped(milestone_types=MQL|lead)")).parameters())
        .containsEntry("milestone_types", "lead|mql");
  }

  @Test
  void anAliasIsItsTypeButKeepsTheNameTheUserWrote() {
    assertThat(Models.withDefaults(ModelSpec.parse("u_shaped")))
        .isEqualTo(Models.withDefaults(ModelSpec.parse("position_based")));
    assertThat(Models.type("u_shaped").name()).isEqualTo("position_based");
    assertThat(Models.create("u_shaped").spec().label()).isEqualTo("u_shaped");
  }

  @Test
  void aParameterWithoutDefaultIsLeftOutUntilGiven() {
    assertThat(Models.withDefaults(ModelSpec.parse("last_non_direct")).parameters()).isEmpty();
    assertThat(Models.withDefaults(ModelSpec.parse("last_non_direct(direct=Direct|(none))")).parameters())
        .containsEntry("direct", "(none)|direct");
  }

  @Test
  void refusesUnknownTypesNamingEveryKnownOne() {
    assertThatThrownBy(() -> Models.create("lineal")).isInstanceOf(InvalidModelException.class)
        .hasMessage("model lineal: unknown model, expected one of first_touch, last_touch, last_non_direct, linear, "
            + "time_decay, position_based, u_shaped, j_shaped, inverse_j, w_shaped, participation, markov, shapley, "
            + "counterfactual");
  }

  @Test
  void refusesUnknownParametersAndImpossibleValuesNamingThem() {
    assertThatThrownBy(() -> Models.withDefaults(ModelSpec.parse("shapley(caps=3)")))
        .isInstanceOf(InvalidModelException.class).hasMessage("model shapley(caps=3): caps: unknown parameter for shapley");
    assertThatThrownBy(() -> Models.withDefaults(ModelSpec.parse("shapley(cap=25)")))
        .hasMessage("model shapley(cap=25): cap 25: must be between 1 and 24");
    assertThatThrownBy(() -> Models.withDefaults(ModelSpec.parse("time_decay(half_life=-1)")))
        .hasMessage("model time_decay(half_life=-1): half_life -1: must be a finite number greater than 0");
    assertThatThrownBy(() -> Models.withDefaults(ModelSpec.parse("j_shaped(first=x)")))
        .hasMessage("model j_shaped(first=x): first x: not a number");
  }
}
