package io.nexus.engine.shapley;

import io.nexus.engine.AttributionModel;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.FittedModel;
import io.nexus.engine.ModelFamily;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.ModelType;
import io.nexus.engine.ModelType.Parameter;
import io.nexus.engine.TrainingStatistics;
import java.util.List;
import java.util.function.Function;

/**
 * The cooperative-game models, {@code shapley} and {@code counterfactual}, registered with the engine's registry as a
 * {@link ModelFamily}; stateless.
 */
public final class ShapleyFamily implements ModelFamily {
  /** The largest cap accepted: 2^24 coalitions take 128 MB of worths. */
  static final int MAX_CAP = 24;

  @Override
  public List<ModelType> types() {
    return List.of(
        new ModelType("shapley", List.of(), "Shapley values of the channels of each channel set, the worth of a "
            + "coalition being the conversion rate of the journeys with exactly its channels.", List.of(
                Parameter.integer("cap", "20", 1, MAX_CAP, "largest channel set solved exactly (2^cap coalitions)"),
                Parameter.integer("samples", "10000", 100, 10_000_000, "random orderings for sets above the cap"),
                Parameter.whole("seed", "1", "seed of those orderings")), true, true),
        new ModelType("counterfactual", List.of(), "Google fractribution's leave-one-out model: each touch earns "
            + "what the path's conversion rate loses without it.", List.of(), true, true));
  }

  @Override
  public AttributionModel create(ModelSpec spec, ModelSpec resolved) {
    if (resolved.type().equals("shapley")) {
      int cap = Integer.parseInt(resolved.parameters().get("cap"));
      int samples = Integer.parseInt(resolved.parameters().get("samples"));
      long seed = Long.parseLong(resolved.parameters().get("seed"));
      return new DataDriven(spec, ShapleyStatistics::new,
          s -> new ShapleyFit(spec, (ShapleyStatistics) s, cap, samples, seed), ShapleyStatistics.class);
    }
    return new DataDriven(spec, CounterfactualStatistics::new,
        s -> new CounterfactualFit(spec, (CounterfactualStatistics) s), CounterfactualStatistics.class);
  }

  /** A data-driven model made of a statistics factory and a solver. */
  private record DataDriven(
      ModelSpec spec,
      Function<ChannelDictionary, TrainingStatistics> statistics,
      Function<TrainingStatistics, FittedModel> solver,
      Class<? extends TrainingStatistics> statisticsType) implements AttributionModel {

    @Override
    public boolean dataDriven() {
      return true;
    }

    @Override
    public TrainingStatistics newStatistics(ChannelDictionary channels) {
      return statistics.apply(channels);
    }

    @Override
    public FittedModel fit(TrainingStatistics trained) {
      if (!statisticsType.isInstance(trained)) {
        throw new IllegalArgumentException("expected " + statisticsType.getSimpleName() + " for " + spec.label());
      }
      return solver.apply(trained);
    }

    @Override
    public String toString() {
      return spec.label();
    }
  }
}
