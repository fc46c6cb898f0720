package io.nexus.engine.shapley;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.TrainingStatistics;
import io.nexus.engine.batch.JourneyBatch;
import io.nexus.engine.batch.Scratch;

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
    int n = batch.length(row);
    if (n == 0) {
      paths.unattributedConversions += batch.conversions(row);
      return;
    }
    paths.add(Scratch.path(batch, row), 0, n, batch.conversions(row), batch.value(row), batch.nulls(row));
  }

  @Override
  public void merge(TrainingStatistics other) {
    if (!(other instanceof CounterfactualStatistics o)) {
      throw new IllegalArgumentException("cannot merge " + other.getClass().getSimpleName() + " into counterfactual");
    }
    paths.merge(o.paths);
  }
}
