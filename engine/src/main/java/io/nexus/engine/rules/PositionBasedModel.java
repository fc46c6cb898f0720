package io.nexus.engine.rules;

import io.nexus.engine.JourneyBatch;
import io.nexus.engine.ModelSpec;

/**
 * The position-based family (U-shaped, J-shaped, inverse J): fixed weights for the first and last touch, the middle
 * weight split evenly over the touches in between. One touch takes everything; two touches drop the middle weight and
 * renormalise first and last (split evenly if both are zero).
 */
final class PositionBasedModel extends RuleModel {
  private static final long serialVersionUID = 1L;

  private final double first;
  private final double middle;
  private final double last;

  PositionBasedModel(ModelSpec spec, double first, double middle, double last) {
    super(spec);
    this.first = first;
    this.middle = middle;
    this.last = last;
  }

  @Override
  public void pathShares(JourneyBatch batch, int row, int n, long conversionTime, double[] out) {
    fill(n, out, first, middle, last);
  }

  static void fill(int n, double[] out, double first, double middle, double last) {
    if (n == 0) {
      return;
    }
    if (n == 1) {
      out[0] = 1;
    } else if (n == 2) {
      double ends = first + last;
      out[0] = ends > 0 ? first / ends : 0.5;
      out[1] = ends > 0 ? last / ends : 0.5;
    } else {
      double each = middle / (n - 2);
      for (int i = 1; i < n - 1; i++) {
        out[i] = each;
      }
      out[0] = first;
      out[n - 1] = last;
    }
  }
}
