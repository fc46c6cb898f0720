package io.nexus.engine;

import static io.nexus.engine.Fixtures.journey;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A fit is shipped to a cluster's executors by Java serialization; what arrives must credit exactly the same. */
class FittedModelSerializationTest {
  private static final JourneyBatch JOURNEYS = JourneyBatch.of(List.of(
      journey("1", new String[] {"search", "email", "direct"}, new double[] {9, 6, 0}, new String[] {"click", "lead",
          "visit"}, "50.00"),
      journey("2", "20.00", "social", "search"),
      journey("3", null, "display", "search", "search"),
      journey("4", "10.00", "email")));

  @ParameterizedTest
  @ValueSource(strings = {"first_touch", "last_touch", "last_non_direct", "linear", "time_decay(half_life=3)",
      "position_based", "j_shaped", "inverse_j", "w_shaped", "participation", "markov(order=1)", "markov(order=2)",
      "shapley", "counterfactual"})
  void aFitCreditsTheSameAfterASerializationRoundTrip(String spec) throws Exception {
    FittedModel fit = Models.create(spec).fit(JOURNEYS);

    FittedModel shipped = roundTrip(fit);

    assertThat(shipped.spec()).isEqualTo(fit.spec());
    assertThat(shipped.additive()).isEqualTo(fit.additive());
    assertThat(shipped.notes()).isEqualTo(fit.notes());
    JourneyBatch again = JourneyBatch.of(List.of(journey("5", "30.00", "search", "email", "social")),
        JOURNEYS.channels().copy());
    for (int row = 0; row < JOURNEYS.size(); row++) {
      assertThat(Fixtures.shares(shipped, JOURNEYS, row)).containsExactly(Fixtures.shares(fit, JOURNEYS, row));
    }
    assertThat(Fixtures.shares(shipped, again, 0)).containsExactly(Fixtures.shares(fit, again, 0));
  }

  private static FittedModel roundTrip(FittedModel fit) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(fit);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (FittedModel) in.readObject();
    }
  }
}
