package io.nexus.engine;

import java.util.Arrays;

/**
 * How a row of several converting paths (a journey with conversions at several times) adds up its paths' shares:
 * each path weighs by its value, or by its conversions when no credited conversion has a value.
 */
final class ConvertingPaths {
  private ConvertingPaths() {}

  /** Whether the credited paths of {@code row} weigh by value: some path with touches has a value. */
  static boolean weighByValue(JourneyBatch batch, int row) {
    for (int p = 0, paths = batch.paths(row); p < paths; p++) {
      if (batch.pathLength(row, p) > 0 && batch.pathValue(row, p) > 0) {
        return true;
      }
    }
    return false;
  }

  /** The weight of path {@code p} of {@code row} among its credited paths; 0 for a path without touches. */
  static double weight(JourneyBatch batch, int row, int p, boolean byValue) {
    if (batch.pathLength(row, p) == 0) {
      return 0;
    }
    return byValue ? batch.pathValue(row, p) : batch.pathConversions(row, p);
  }

  /** The sum of the weights of {@code row}'s paths. */
  static double totalWeight(JourneyBatch batch, int row, boolean byValue) {
    double total = 0;
    for (int p = 0, paths = batch.paths(row); p < paths; p++) {
      total += weight(batch, row, p, byValue);
    }
    return total;
  }

  /** Writes the weighted sum of the path shares of {@code row} into {@code out[0 .. length)}. */
  static void touchShares(FittedModel model, JourneyBatch batch, int row, double[] out) {
    int n = batch.length(row);
    Arrays.fill(out, 0, n, 0);
    boolean byValue = weighByValue(batch, row);
    double total = totalWeight(batch, row, byValue);
    if (total == 0) {
      return;
    }
    // Rows of several conversion times are rare (the service's journeys), so a buffer per row costs nothing that
    // matters and keeps the caller's buffer free.
    double[] shares = new double[out.length];
    for (int p = 0, paths = batch.paths(row); p < paths; p++) {
      double w = weight(batch, row, p, byValue);
      if (w == 0) {
        continue;
      }
      int touches = batch.pathLength(row, p);
      model.pathShares(batch, row, touches, batch.pathConversionTime(row, p), shares);
      double fraction = w / total;
      for (int i = 0; i < touches; i++) {
        out[i] += shares[i] * fraction;
      }
    }
  }
}
