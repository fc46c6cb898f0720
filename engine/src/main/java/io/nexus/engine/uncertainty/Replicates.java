package io.nexus.engine.uncertainty;

import io.nexus.engine.JourneyBatch;
import io.nexus.engine.JourneyId;
import java.util.Arrays;

/**
 * Draws bootstrap replicates of a batch, each from its own seed. A batch of journeys is re-weighted journey by journey
 * ({@link JourneyBatch#reweighted}), a journey's conversions and null weighted alike; under Poisson resampling a
 * journey's weight is drawn from the replicate's seed and the journey's id alone. A batch of path rows becomes its
 * distinct paths with counts drawn afresh: each conversion and each null stands for a journey of its own, so under
 * Poisson resampling a row's conversions are Poisson(conversions), its value follows them (a row's conversions share
 * its value equally), and a path's nulls, which carry no value, are drawn at once as Poisson(sum of its rows' nulls)
 * — the same distribution as row by row, by the additivity of the Poisson law. Immutable and thread-safe.
 */
final class Replicates {
  private final JourneyBatch batch;
  private final Resampling resampling;
  private final DistinctPaths paths;
  // Multinomial draws over path rows: cell 2r is row r's conversions, cell 2r+1 its nulls; cumulative counts.
  private final long[] cumulative;
  // Journeys under Poisson resampling: each row's key, from its journey id, that its weight is drawn from.
  private final long[] journeyKeys;

  Replicates(JourneyBatch batch, Resampling resampling) {
    this.batch = batch;
    this.resampling = resampling;
    this.paths = batch.hasTimes() ? null : new DistinctPaths(batch);
    this.cumulative = resampling == Resampling.MULTINOMIAL && paths != null ? cumulativeCounts(batch) : null;
    this.journeyKeys = resampling == Resampling.POISSON && paths == null ? journeyKeys(batch) : null;
  }

  /** Replicate {@code seed} of a part of a larger data set: journeys by id, path rows by {@code partKey}. */
  static JourneyBatch ofPart(JourneyBatch part, long seed, long partKey) {
    int size = part.size();
    double[] conversionWeights = new double[size];
    double[] nullWeights = new double[size];
    if (part.hasTimes()) {
      long[] keys = journeyKeys(part);
      for (int row = 0; row < size; row++) {
        conversionWeights[row] = PoissonDraws.one(PoissonDraws.mix(seed ^ keys[row]));
      }
      return part.reweighted(conversionWeights, conversionWeights);
    }
    PoissonDraws draws = new PoissonDraws(PoissonDraws.mix(seed ^ PoissonDraws.mix(partKey)));
    for (int row = 0; row < size; row++) {
      double conversions = part.conversions(row);
      double nulls = part.nulls(row);
      conversionWeights[row] = conversions > 0 ? draws.next(conversions) / conversions
          : part.value(row) > 0 ? draws.next(1) : 0;
      nullWeights[row] = nulls > 0 ? draws.next(nulls) / nulls : 0;
    }
    return part.reweighted(conversionWeights, nullWeights);
  }

  private static long[] journeyKeys(JourneyBatch batch) {
    long[] keys = new long[batch.size()];
    for (int row = 0; row < keys.length; row++) {
      JourneyId id = batch.journeyId(row);
      keys[row] = id == null ? row : journeyKey(id);
    }
    return keys;
  }

  /** A 64-bit key of a journey id: equal ids, equal keys, in any batch. */
  static long journeyKey(JourneyId id) {
    long h = PoissonDraws.mix(id.number() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
    if (id.user() != null) {
      String user = id.user();
      for (int i = 0; i < user.length(); i++) {
        h = (h ^ user.charAt(i)) * 0x100000001B3L;
      }
      h = PoissonDraws.mix(h);
    }
    return h;
  }

  /** The batch the point estimate's fits would see for these data: the distinct paths, or the journeys as they are. */
  JourneyBatch original() {
    return paths != null ? paths.batch : batch;
  }

  /** Whether replicates are the distinct paths of a path file with counts of their own. */
  boolean distinctPaths() {
    return paths != null;
  }

  /**
   * The count columns one worker re-uses for its replicates of distinct paths, one replicate after another, so that
   * drawing allocates nothing that grows with the data: a replicate's batch is in use only until it is totalled.
   */
  final class Scratch {
    private final double[] conversions = new double[paths == null ? 0 : paths.size()];
    private final double[] values = new double[conversions.length];
    private final double[] nulls = new double[conversions.length];
  }

  /** The replicate drawn from {@code seed}, in {@code scratch}'s columns when it is one of distinct paths. */
  JourneyBatch draw(long seed, Scratch scratch) {
    PoissonDraws draws = new PoissonDraws(seed);
    if (paths == null) {
      double[] weights = new double[batch.size()];
      if (resampling == Resampling.POISSON) {
        // Drawn per journey id, not from one stream, so that a journey weighs the same in every batch that holds it
        // (the journeys a model is fitted on and those it credits) and in any order.
        for (int row = 0; row < weights.length; row++) {
          weights[row] = PoissonDraws.one(PoissonDraws.mix(seed ^ journeyKeys[row]));
        }
      } else {
        for (int i = 0; i < weights.length; i++) {
          weights[(int) draws.uniform(weights.length)]++;
        }
      }
      return batch.reweighted(weights, weights);
    }
    Arrays.fill(scratch.conversions, 0);
    Arrays.fill(scratch.values, 0);
    return resampling == Resampling.POISSON ? poissonPaths(draws, scratch) : multinomialPaths(draws, scratch);
  }

  private JourneyBatch poissonPaths(PoissonDraws draws, Scratch scratch) {
    int count = paths.size();
    double[] conversions = scratch.conversions;
    double[] values = scratch.values;
    double[] nulls = scratch.nulls;
    for (int v = 0, valued = paths.valuedPath.length; v < valued; v++) {
      double rowConversions = paths.valuedConversions[v];
      double rowValue = paths.valuedValue[v];
      int p = paths.valuedPath[v];
      if (rowConversions > 0) {
        double drawn = draws.next(rowConversions);
        conversions[p] += drawn;
        values[p] += rowValue * (drawn / rowConversions);
      } else {
        // Value without a conversion: the row is one unit, drawn whole.
        values[p] += rowValue * draws.next(1);
      }
    }
    for (int p = 0; p < count; p++) {
      nulls[p] = draws.next(paths.nulls[p]);
    }
    return paths.batch.withCounts(conversions, values, nulls);
  }

  private JourneyBatch multinomialPaths(PoissonDraws draws, Scratch scratch) {
    int size = batch.size();
    double[] drawnConversions = new double[size];
    double[] drawnNulls = new double[size];
    long total = cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
    for (long i = 0; i < total; i++) {
      int cell = firstAbove(draws.uniform(total));
      if ((cell & 1) == 0) {
        drawnConversions[cell >> 1]++;
      } else {
        drawnNulls[cell >> 1]++;
      }
    }
    double[] conversions = scratch.conversions;
    double[] values = scratch.values;
    double[] nulls = scratch.nulls;
    Arrays.fill(nulls, 0);
    for (int row = 0; row < size; row++) {
      int p = paths.pathOfRow[row];
      double rowConversions = batch.conversions(row);
      conversions[p] += drawnConversions[row];
      values[p] += rowConversions > 0 ? batch.value(row) * (drawnConversions[row] / rowConversions) : 0;
      nulls[p] += drawnNulls[row];
    }
    return paths.batch.withCounts(conversions, values, nulls);
  }

  private static long[] cumulativeCounts(JourneyBatch batch) {
    long[] cumulative = new long[2 * batch.size()];
    long total = 0;
    for (int row = 0; row < batch.size(); row++) {
      total += whole(row, batch.conversions(row), "conversions");
      cumulative[2 * row] = total;
      total += whole(row, batch.nulls(row), "nulls");
      cumulative[2 * row + 1] = total;
    }
    return cumulative;
  }

  private static long whole(int row, double count, String what) {
    if (count != Math.rint(count) || count > 1L << 52) {
      throw new IllegalArgumentException("row " + (row + 1) + ": multinomial resampling needs whole counts of "
          + "journeys, its " + what + " are " + count + "; use Poisson resampling");
    }
    return (long) count;
  }

  /** The first cell whose cumulative count exceeds {@code at}. */
  private int firstAbove(long at) {
    int found = Arrays.binarySearch(cumulative, at + 1);
    if (found < 0) {
      return -found - 1;
    }
    // Cells of zero count repeat a cumulative value: the first of equal values is the one that holds the draw.
    while (found > 0 && cumulative[found - 1] == at + 1) {
      found--;
    }
    return found;
  }
}
