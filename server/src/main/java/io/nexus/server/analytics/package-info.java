/**
 * Reports over many journeys: channel ROI and ROAS (calibrated by lift tests on request), model comparison, top
 * conversion paths, budget plans and what-ifs on response curves.
 */
@ApplicationModule(allowedDependencies = {"attribution", "calibration", "journey", "channel", "model", "cache",
    "spend", "web"})
package io.nexus.server.analytics;

import org.springframework.modulith.ApplicationModule;
