package io.nexus.engine.shapley;

import io.nexus.engine.AttributionModel;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.FittedModel;
import io.nexus.engine.ModelParameters;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.TrainingStatistics;

/** Builds the cooperative-game models, {@code shapley} and {@code counterfactual}, from their specs; thread-safe. */
public final class ShapleyModels {
  /** The default largest channel set solved exactly: 2^20 coalitions. */
  public static final int DEFAULT_CAP = 20;
  /** The largest cap accepted: 2^24 coalitions take 128 MB of worths. */
  public static final int MAX_CAP = 24;

  private ShapleyModels() {}

  /**
   * The model {@code spec} describes, or {@code null} for another type. Shapley's parameters: {@code cap}
   * (1..24, default 20), {@code samples} (orderings for sets above the cap, default 10000), {@code seed} (default 1).
   *
   * @throws io.nexus.engine.InvalidModelException when a parameter is unknown or impossible
   */
  public static AttributionModel create(ModelSpec spec) {
    ModelParameters p = new ModelParameters(spec);
    AttributionModel model;
    switch (spec.type()) {
      case "shapley" -> {
        int cap = p.integer("cap", DEFAULT_CAP, 1, MAX_CAP);
        int samples = p.integer("samples", 10_000, 100, 10_000_000);
        long seed = p.longInteger("seed", 1);
        model = new DataDriven(spec, ShapleyStatistics::new,
            s -> new ShapleyFit(spec, (ShapleyStatistics) s, cap, samples, seed), ShapleyStatistics.class);
      }
      case "counterfactual" -> model = new DataDriven(spec, CounterfactualStatistics::new,
          s -> new CounterfactualFit(spec, (CounterfactualStatistics) s), CounterfactualStatistics.class);
      default -> {
        return null;
      }
    }
    p.checkAllUsed();
    return model;
  }

  /** A data-driven model made of a statistics factory and a solver. */
  private record DataDriven(
      ModelSpec spec,
      java.util.function.Function<ChannelDictionary, TrainingStatistics> statistics,
      java.util.function.Function<TrainingStatistics, FittedModel> solver,
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
