package io.nexus.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.Conversion;
import io.nexus.engine.FittedModel;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.JourneyId;
import io.nexus.engine.Models;
import io.nexus.engine.Touchpoint;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JDBC output recognises the service's models by type and parameters, filling in each type's defaults; those
 * defaults must be the engine's, or a seeded model would be taken for another.
 */
class ServiceModelDefaultsTest {

  @Test
  void everyDefaultTheWriterAssumesIsTheEnginesDefault() {
    Instant t = Instant.parse("2025-01-31T12:00:00Z");
    List<Journey> journeys = List.of(
        new Journey(JourneyId.of("u", 1), "u", List.of(
            Touchpoint.of("search", t.minusSeconds(9 * 86_400), "click", BigDecimal.ONE),
            Touchpoint.of("email", t.minusSeconds(6 * 86_400), "lead", BigDecimal.ONE),
            Touchpoint.of("Direct", t.minusSeconds(3 * 86_400)), Touchpoint.of("social", t.minusSeconds(86_400)),
            Touchpoint.of("direct", t)), List.of(Conversion.of(t, new BigDecimal("50")))),
        new Journey(JourneyId.of("u", 2), "u",
            List.of(Touchpoint.of("social", t.minusSeconds(3_600)), Touchpoint.of("search", t)),
            List.of()));
    JourneyBatch batch = JourneyBatch.of(journeys, new ChannelDictionary());

    for (Map.Entry<String, Map<String, String>> type : JdbcResults.DEFAULTS.entrySet()) {
      List<String> parameters = new ArrayList<>();
      type.getValue().forEach((name, value) -> parameters.add(name + "=" + value));
      FittedModel implicit = Models.create(type.getKey()).fit(batch);
      FittedModel explicit = Models.create(type.getKey() + "(" + String.join(",", parameters) + ")").fit(batch);

      assertThat(shares(explicit, batch)).as(type.getKey()).isEqualTo(shares(implicit, batch));
    }
  }

  @Test
  void readsTheParametersTheServiceStoresAsFlatJson() {
    assertThat(JdbcResults.flatJson("{\"first\": 0.4, \"middle\": 0.2, \"last\": 0.4}"))
        .containsExactly(Map.entry("first", "0.4"), Map.entry("middle", "0.2"), Map.entry("last", "0.4"));
    assertThat(JdbcResults.flatJson("{\"milestone_types\": \"lead|mql\", \"Order\": 2}"))
        .containsExactly(Map.entry("milestone_types", "lead|mql"), Map.entry("order", "2"));
    assertThat(JdbcResults.flatJson(null)).isEmpty();
  }

  private static String shares(FittedModel fit, JourneyBatch batch) {
    StringBuilder all = new StringBuilder();
    double[] out = new double[batch.maxLength()];
    for (int row = 0; row < batch.size(); row++) {
      fit.touchShares(batch, row, out);
      all.append(Arrays.toString(Arrays.copyOf(out, batch.length(row)))).append('\n');
    }
    return all.toString();
  }
}
