package io.nexus.engine.rules;

import io.nexus.engine.JourneyBatch;
import io.nexus.engine.ModelSpec;
import java.util.Arrays;

/** The rules that look only at a touch's position: first, last and linear. */
final class PositionalModels {
  private PositionalModels() {}

  /** All credit to the first touch. */
  static final class FirstTouch extends RuleModel {
    private static final long serialVersionUID = 1L;

    FirstTouch(ModelSpec spec) {
      super(spec);
    }

    @Override
    public void pathShares(JourneyBatch batch, int row, int n, long conversionTime, double[] out) {
      Arrays.fill(out, 0, n, 0);
      out[0] = 1;
    }
  }

  /** All credit to the last touch. */
  static final class LastTouch extends RuleModel {
    private static final long serialVersionUID = 1L;

    LastTouch(ModelSpec spec) {
      super(spec);
    }

    @Override
    public void pathShares(JourneyBatch batch, int row, int n, long conversionTime, double[] out) {
      Arrays.fill(out, 0, n, 0);
      out[n - 1] = 1;
    }
  }

  /** Equal credit to every touch; a channel touched twice earns two shares. */
  static final class Linear extends RuleModel {
    private static final long serialVersionUID = 1L;

    Linear(ModelSpec spec) {
      super(spec);
    }

    @Override
    public void pathShares(JourneyBatch batch, int row, int n, long conversionTime, double[] out) {
      Arrays.fill(out, 0, n, 1.0 / n);
    }
  }
}
