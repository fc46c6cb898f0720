package io.nexus.engine.shapley;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.TrainingStatistics;
import io.nexus.engine.internal.RowChannels;

/** Conversions and nulls per set of distinct channels (sorted channel ids). */
final class ShapleyStatistics implements TrainingStatistics {
  private static final long serialVersionUID = 1L;

  final ChannelDictionary channels;
  final CountsByKey sets = new CountsByKey();

  ShapleyStatistics(ChannelDictionary channels) {
    this.channels = channels;
  }

  @Override
  public void add(JourneyBatch batch, int row) {
    for (int p = 0, paths = batch.paths(row); p < paths; p++) {
      int n = batch.pathLength(row, p);
      if (n == 0) {
        sets.unattributedConversions += batch.pathConversions(row, p);
        continue;
      }
      RowChannels present = RowChannels.of(batch, row, n);
      int[] key = ChannelIdBuffer.ofLength(present.size());
      int size = present.sortedInto(key);
      sets.add(key, 0, size, batch.pathConversions(row, p), batch.pathValue(row, p), batch.pathNulls(row, p));
    }
  }

  @Override
  public void merge(TrainingStatistics other) {
    if (!(other instanceof ShapleyStatistics o)) {
      throw new IllegalArgumentException("cannot merge " + other.getClass().getSimpleName() + " into Shapley");
    }
    sets.merge(o.sets);
  }
}
