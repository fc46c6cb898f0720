package io.nexus.engine.uncertainty;

import io.nexus.engine.JourneyBatch;
import java.util.Arrays;

/**
 * Draws bootstrap replicates of a batch, each from its own seed. A batch of journeys is re-weighted journey by journey
 * ({@link JourneyBatch#reweighted}), a journey's conversions and null weighted alike. A batch of path rows becomes its
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

  Replicates(JourneyBatch batch, Resampling resampling) {
    this.batch = batch;
    this.resampling = resampling;
    this.paths = batch.hasTimes() ? null : new DistinctPaths(batch);
    this.cumulative = resampling == Resampling.MULTINOMIAL && paths != null ? cumulativeCounts(batch) : null;
  }

  /** The batch the point estimate's fits would see for these data: the distinct paths, or the journeys as they are. */
  JourneyBatch original() {
    return paths != null ? paths.batch : batch;
  }

  /** The replicate drawn from {@code seed}. */
  JourneyBatch draw(long seed) {
    PoissonDraws draws = new PoissonDraws(seed);
    if (paths == null) {
      double[] weights = new double[batch.size()];
      if (resampling == Resampling.POISSON) {
        for (int row = 0; row < weights.length; row++) {
          weights[row] = draws.next(1);
        }
      } else {
        for (int i = 0; i < weights.length; i++) {
          weights[(int) draws.uniform(weights.length)]++;
        }
      }
      return batch.reweighted(weights, weights);
    }
    return resampling == Resampling.POISSON ? poissonPaths(draws) : multinomialPaths(draws);
  }

  private JourneyBatch poissonPaths(PoissonDraws draws) {
    int count = paths.size();
    double[] conversions = new double[count];
    double[] values = new double[count];
    double[] nulls = new double[count];
    for (int row = 0, size = batch.size(); row < size; row++) {
      double rowConversions = batch.conversions(row);
      double rowValue = batch.value(row);
      int p = paths.pathOfRow[row];
      if (rowConversions > 0) {
        double drawn = draws.next(rowConversions);
        conversions[p] += drawn;
        values[p] += rowValue * (drawn / rowConversions);
      } else if (rowValue > 0) {
        // Value without a conversion: the row is one unit, drawn whole.
        values[p] += rowValue * draws.next(1);
      }
    }
    for (int p = 0; p < count; p++) {
      nulls[p] = draws.next(paths.nulls[p]);
    }
    return paths.batch.withCounts(conversions, values, nulls);
  }

  private JourneyBatch multinomialPaths(PoissonDraws draws) {
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
    int count = paths.size();
    double[] conversions = new double[count];
    double[] values = new double[count];
    double[] nulls = new double[count];
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
