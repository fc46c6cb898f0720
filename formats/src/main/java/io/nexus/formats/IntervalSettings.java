package io.nexus.formats;

import io.nexus.engine.uncertainty.Bootstrap;
import io.nexus.formats.AttributionSettings.InvalidSettingException;

/**
 * The bootstrap intervals a front end was asked for — {@code --intervals N [--confidence C] [--seed S]} — with the
 * checks the command line and the Spark job share. Immutable and thread-safe.
 *
 * @param replicates the number of bootstrap replicates, or {@code null} for no intervals
 * @param confidence the intervals' confidence level, between 0 and 1 (exclusive)
 * @param seed the seed the replicates are drawn from
 */
public record IntervalSettings(Integer replicates, double confidence, long seed) {
  /** The confidence when a user sets none, as text for option defaults. */
  public static final String DEFAULT_CONFIDENCE = "0.9";
  /** The seed when a user sets none, as text for option defaults. */
  public static final String DEFAULT_SEED = "1";
  /** The most replicates a run may ask for: more only costs time, the intervals stop changing long before. */
  public static final int MAX_REPLICATES = 100_000;

  /** Whether intervals were asked for. */
  public boolean requested() {
    return replicates != null;
  }

  /**
   * Checks the options.
   *
   * @throws InvalidSettingException naming the first bad option
   */
  public void check() {
    if (replicates != null && (replicates < 2 || replicates > MAX_REPLICATES)) {
      throw new InvalidSettingException("--intervals " + replicates + ": the number of bootstrap replicates must be "
          + "between 2 and " + MAX_REPLICATES + " (200 is usual)");
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new InvalidSettingException("--confidence " + confidence + ": must be between 0 and 1 (exclusive), "
          + "such as 0.9 for 90 % intervals");
    }
  }

  /** The bootstrap these settings describe. */
  public Bootstrap bootstrap() {
    check();
    if (replicates == null) {
      throw new IllegalStateException("no intervals were asked for");
    }
    return Bootstrap.replicates(replicates).confidence(confidence).seed(seed);
  }
}
