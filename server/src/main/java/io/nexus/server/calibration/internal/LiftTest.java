package io.nexus.server.calibration.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A lift test as stored and shown; immutable.
 *
 * @param id the test's id
 * @param channelId the channel tested
 * @param name a label, or {@code null}
 * @param startDate the first day of the test
 * @param endDate the last day of the test, included
 * @param incrementalConversions the conversions the channel caused over the test, or {@code null} when {@code lift}
 * @param lift the share of the channel's attributed conversions that were incremental, or {@code null}
 * @param confidenceInterval {@code [low, high]} of the measure given, at {@code confidenceLevel}
 * @param confidenceLevel the interval's level, such as 0.9
 * @param createdAt when it was stored
 */
record LiftTest(long id, long channelId, String name, LocalDate startDate, LocalDate endDate,
    BigDecimal incrementalConversions, BigDecimal lift, List<BigDecimal> confidenceInterval,
    BigDecimal confidenceLevel, Instant createdAt) {

  /** The measure given: incremental conversions, or the lift. */
  BigDecimal measure() {
    return incrementalConversions != null ? incrementalConversions : lift;
  }
}
