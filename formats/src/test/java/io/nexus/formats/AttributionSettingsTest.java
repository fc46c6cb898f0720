package io.nexus.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nexus.engine.ModelType;
import io.nexus.engine.Models;
import io.nexus.engine.PathTransform;
import io.nexus.formats.AttributionSettings.InvalidSettingException;
import org.junit.jupiter.api.Test;

class AttributionSettingsTest {

  private static AttributionSettings with(String models, int order, double lookbackDays, String transform,
      String separator) {
    return new AttributionSettings(models, order, lookbackDays, transform, separator);
  }

  @Test
  void theDefaultModelsAreTheEngines() {
    assertThat(AttributionSettings.DEFAULT_MODELS).isEqualTo(String.join(",", Models.DEFAULTS));
    assertThat(AttributionSettings.defaults().attributionModels()).containsOnlyKeys(Models.DEFAULTS);
  }

  @Test
  void theOrderAppliesToMarkovModelsThatSetNone() {
    var models = with("markov,markov(order=3)", 2, 30, "unique", ">").attributionModels();

    assertThat(models.get("markov").spec().label()).isEqualTo("markov(order=2)");
    assertThat(models.get("markov(order=3)").spec().label()).isEqualTo("markov(order=3)");
  }

  @Test
  void eachBadSettingIsNamedWithTheReason() {
    assertThatThrownBy(() -> with("linear", 5, 30, "unique", ">").check()).isInstanceOf(InvalidSettingException.class)
        .hasMessage("--order 5: must be between 1 and 4");
    assertThatThrownBy(() -> with("linear", 1, 0, "unique", ">").check())
        .hasMessage("--lookback-days 0.0: must be greater than 0");
    assertThatThrownBy(() -> with("linear", 1, 30, "sideways", ">").check())
        .hasMessage("--transform sideways: unknown path transform, expected unique, exposure or first");
    assertThatThrownBy(() -> with("linear", 1, 30, "unique", "").check())
        .hasMessage("--path-separator: must not be empty");
    assertThatThrownBy(() -> with("linear,linear", 1, 30, "unique", ">").check())
        .hasMessage("--models linear,linear: linear is listed twice");
  }

  @Test
  void theTransformIsReadByName() {
    assertThat(with("linear", 1, 30, "Exposure", ">").pathTransform()).isEqualTo(PathTransform.EXPOSURE);
  }

  @Test
  void theModelHelpListsEveryModelWithItsDefaultsAndAliases() {
    String help = String.join("\n", AttributionSettings.modelHelp());

    for (ModelType type : Models.types()) {
      assertThat(help).contains(type.withDefaults());
      type.aliases().forEach(alias -> assertThat(help).contains(alias));
    }
    assertThat(help).contains("position_based(first=0.4,middle=0.2,last=0.4)  (also u_shaped)");
  }
}
