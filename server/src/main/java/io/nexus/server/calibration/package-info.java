/**
 * Calibration with lift tests: the incrementality experiments users trust, and per model and channel the factor that
 * brings the model's credit towards what they measured, shrunk by their uncertainty.
 */
@ApplicationModule(allowedDependencies = {"attribution", "channel", "web", "persistence"})
package io.nexus.server.calibration;

import org.springframework.modulith.ApplicationModule;
