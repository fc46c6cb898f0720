package io.nexus.engine;

import java.io.Serializable;
import java.util.List;

/**
 * A model ready to credit journeys: a rule, or a data-driven model solved on training statistics; immutable,
 * thread-safe and serializable, so that one fit can be shipped to every executor of a cluster.
 */
public interface FittedModel extends Serializable {

  /** The model type and parameters this fit came from. */
  ModelSpec spec();

  /**
   * Writes the share of one conversion that each touch of a converting path earns into {@code out[0 .. touches)}:
   * the path is the first {@code touches} touches of row {@code row} (those at or before the conversion), the
   * conversion happened at {@code conversionTime} (epoch milliseconds, or {@link JourneyBatch#NO_TIME} when unknown).
   *
   * <p>This is what a model defines. Shares are non-negative and sum to 1 for additive models; a channel's credit is
   * the sum of its touches' shares. {@code touches} is at least 1 and {@code out} holds at least
   * {@link JourneyBatch#maxLength()} elements. Data-driven fits expect the batch's channel ids to come from the
   * dictionary (or a copy of the dictionary) they were trained with.
   */
  void pathShares(JourneyBatch batch, int row, int touches, long conversionTime, double[] out);

  /**
   * Writes the share of row {@code row}'s credited value that each of its touches earns into
   * {@code out[0 .. batch.length(row))}; rows without touches are left alone.
   *
   * <p>A row that is one converting path ({@link JourneyBatch#singlePath}) gets its {@link #pathShares}. A journey
   * of several conversion times gets each path's shares weighted by the path's value (by its conversions when no
   * credited conversion has a value); a touch after every conversion gets 0. Implementations do not override this.
   */
  default void touchShares(JourneyBatch batch, int row, double[] out) {
    int n = batch.length(row);
    if (n == 0) {
      return;
    }
    if (batch.singlePath(row)) {
      pathShares(batch, row, n, batch.conversionTime(row), out);
    } else {
      ConvertingPaths.touchShares(this, batch, row, out);
    }
  }

  /**
   * The dictionary whose channel ids the fit was trained with, or {@code null} for rules, which work with any.
   * Batches to be credited by a data-driven fit must take their ids from this dictionary or a copy of it.
   */
  default ChannelDictionary channels() {
    return null;
  }

  /**
   * Whether the shares of a journey sum to 1. Participation is the exception: every channel on the journey gets the
   * full value, so its credits are for reports only and must not be added up across channels.
   */
  default boolean additive() {
    return true;
  }

  /** Remarks a user should see beside this fit's numbers, such as estimated Shapley sets; usually empty. */
  default List<String> notes() {
    return List.of();
  }
}
