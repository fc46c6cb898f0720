package io.nexus.engine.rules;

import io.nexus.engine.JourneyBatch;
import io.nexus.engine.ModelSpec;
import java.util.List;

/**
 * W-shaped: fixed weights for the first touch, the milestone touch (the first touch whose type marks a lead) and the
 * last touch, the rest weight split over the other touches. A journey whose first lead-type touch is its first or last
 * touch, or that has none, has no separate milestone and is credited U-shaped (0.4/0.2/0.4). With only the three
 * weighted touches the three weights are renormalised.
 */
final class WShapedModel extends RuleModel {
  private static final long serialVersionUID = 1L;

  private final double first;
  private final double milestone;
  private final double last;
  private final double rest;
  private final List<String> milestoneTypes;

  WShapedModel(ModelSpec spec, double first, double milestone, double last, double rest, List<String> milestoneTypes) {
    super(spec);
    this.first = first;
    this.milestone = milestone;
    this.last = last;
    this.rest = rest;
    this.milestoneTypes = List.copyOf(milestoneTypes);
  }

  @Override
  public void pathShares(JourneyBatch batch, int row, int n, long conversionTime, double[] out) {
    int from = batch.start(row);
    int marked = -1;
    for (int i = 0; i < n; i++) {
      String type = batch.type(from + i);
      if (type != null && milestoneTypes.contains(type)) {
        marked = i;
        break;
      }
    }
    if (marked <= 0 || marked == n - 1) {
      PositionBasedModel.fill(n, out, 0.4, 0.2, 0.4);
      return;
    }
    if (n == 3) {
      double sum = first + milestone + last;
      out[0] = sum > 0 ? first / sum : 1.0 / 3;
      out[1] = sum > 0 ? milestone / sum : 1.0 / 3;
      out[2] = sum > 0 ? last / sum : 1.0 / 3;
      return;
    }
    double each = rest / (n - 3);
    for (int i = 0; i < n; i++) {
      out[i] = each;
    }
    out[0] = first;
    out[marked] = milestone;
    out[n - 1] = last;
  }
}
