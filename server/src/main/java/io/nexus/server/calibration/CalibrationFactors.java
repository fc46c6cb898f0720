package io.nexus.server.calibration;

import java.util.Map;

/** The lift-test calibration of a model's channel credits, for the analytics module's reports; thread-safe. */
public interface CalibrationFactors {

  /**
   * The calibration of every channel with at least one applicable lift test under model {@code modelId}, by channel
   * id; channels without one are not calibrated (factor 1, not listed).
   *
   * @throws io.nexus.server.web.ApiException as {@code AttributionReports.channelTotals} does for the model
   */
  Map<Long, ChannelCalibration> factors(long modelId);
}
