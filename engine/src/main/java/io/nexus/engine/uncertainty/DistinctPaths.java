package io.nexus.engine.uncertainty;

import io.nexus.engine.JourneyBatch;
import io.nexus.engine.internal.IntSequenceMap;

/**
 * The distinct paths of an untimed batch (a path file), each with the rows that took it: every model reads a path
 * file only through its paths' summed counts, so a replicate needs only the distinct paths with counts drawn afresh,
 * not a copy of every row. Built once per bootstrap; immutable.
 */
final class DistinctPaths {
  /** One row per distinct path, in order of first appearance, with the summed counts of its rows. */
  final JourneyBatch batch;
  /** The distinct path of each row of the original batch. */
  final int[] pathOfRow;
  /** Each distinct path's nulls, summed over its rows. */
  final double[] nulls;
  /** The rows with conversions or value, which a replicate draws one by one: their path, conversions and value. */
  final int[] valuedPath;
  final double[] valuedConversions;
  final double[] valuedValue;

  DistinctPaths(JourneyBatch rows) {
    IntSequenceMap paths = new IntSequenceMap();
    pathOfRow = new int[rows.size()];
    int[] path = new int[Math.max(1, rows.maxLength())];
    for (int row = 0; row < rows.size(); row++) {
      int from = rows.start(row);
      int length = rows.length(row);
      for (int i = 0; i < length; i++) {
        path[i] = rows.channel(from + i);
      }
      pathOfRow[row] = paths.add(path, 0, length);
    }
    int count = paths.size();
    double[] conversions = new double[count];
    double[] values = new double[count];
    nulls = new double[count];
    int valued = 0;
    for (int row = 0; row < rows.size(); row++) {
      int p = pathOfRow[row];
      conversions[p] += rows.conversions(row);
      values[p] += rows.value(row);
      nulls[p] += rows.nulls(row);
      if (rows.conversions(row) > 0 || rows.value(row) > 0) {
        valued++;
      }
    }
    valuedPath = new int[valued];
    valuedConversions = new double[valued];
    valuedValue = new double[valued];
    for (int row = 0, v = 0; row < rows.size(); row++) {
      if (rows.conversions(row) > 0 || rows.value(row) > 0) {
        valuedPath[v] = pathOfRow[row];
        valuedConversions[v] = rows.conversions(row);
        valuedValue[v] = rows.value(row);
        v++;
      }
    }
    JourneyBatch.Builder builder = JourneyBatch.builder(rows.channels(), count, rows.touchCount() / 4 + 16);
    for (int p = 0; p < count; p++) {
      builder.addPath(paths.key(p), 0, paths.length(p), conversions[p], values[p], nulls[p]);
    }
    batch = builder.build();
  }

  /** The number of distinct paths. */
  int size() {
    return batch.size();
  }
}
