package io.nexus.engine.shapley;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.TrainingStatistics;

/** Conversions and nulls per exact path. */
final class CounterfactualStatistics implements TrainingStatistics {
  private static final long serialVersionUID = 1L;

  final ChannelDictionary channels;
  final CountsByKey paths = new CountsByKey();

  CounterfactualStatistics(ChannelDictionary channels) {
    this.channels = channels;
  }

  @Override
  public void add(JourneyBatch batch, int row) {
    for (int p = 0, count = batch.paths(row); p < count; p++) {
      int n = batch.pathLength(row, p);
      if (n == 0) {
        paths.unattributedConversions += batch.pathConversions(row, p);
        continue;
      }
      paths.add(ChannelIdBuffer.path(batch, row, n), 0, n, batch.pathConversions(row, p), batch.pathValue(row, p),
          batch.pathNulls(row, p));
    }
  }

  @Override
  public void merge(TrainingStatistics other) {
    if (!(other instanceof CounterfactualStatistics o)) {
      throw new IllegalArgumentException("cannot merge " + other.getClass().getSimpleName() + " into counterfactual");
    }
    paths.merge(o.paths);
  }
}
