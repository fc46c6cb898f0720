package io.nexus.server.calibration;

import java.util.List;

/**
 * One channel's calibration under one model: the factor its credit is multiplied by, and the lift tests behind it;
 * immutable.
 *
 * @param channelId the channel
 * @param factor the calibration factor: the pooled tests' factor shrunk towards 1 by their uncertainty
 * @param rawFactor the precision-weighted mean of the tests' factors, before shrinkage
 * @param standardError the standard error of {@code rawFactor}
 * @param weight how far the factor moves from 1 towards {@code rawFactor}, in {@code [0, 1]}
 * @param liftTestIds the tests applied
 */
public record ChannelCalibration(long channelId, double factor, double rawFactor, double standardError,
    double weight, List<Long> liftTestIds) {

  public ChannelCalibration {
    liftTestIds = List.copyOf(liftTestIds);
  }
}
