package io.nexus.engine;

import java.io.Serializable;

/**
 * The counts a data-driven model learns from, gathered row by row and mergeable across partitions; not thread-safe,
 * serializable so that a cluster can ship partial counts to one place.
 *
 * <p>The size of the statistics depends on the model (states, channel sets or distinct paths), never on the number of
 * journeys.
 */
public interface TrainingStatistics extends Serializable {

  /**
   * Counts row {@code row} of {@code batch}: each of its converting paths ({@link JourneyBatch#paths}), so that a
   * journey with conversions at several times counts one converting path per conversion time, the touches up to it.
   */
  void add(JourneyBatch batch, int row);

  /** Counts every row of {@code batch}. */
  default void addAll(JourneyBatch batch) {
    for (int row = 0, n = batch.size(); row < n; row++) {
      add(batch, row);
    }
  }

  /**
   * Adds {@code other}'s counts to these.
   *
   * @throws IllegalArgumentException when {@code other} belongs to a different model
   */
  void merge(TrainingStatistics other);

  /** Statistics that count nothing, for rule-based models. */
  static TrainingStatistics none() {
    return NoStatistics.INSTANCE;
  }
}

/** The statistics of models that learn nothing. */
enum NoStatistics implements TrainingStatistics {
  INSTANCE;

  @Override
  public void add(JourneyBatch batch, int row) {}

  @Override
  public void addAll(JourneyBatch batch) {}

  @Override
  public void merge(TrainingStatistics other) {}
}
