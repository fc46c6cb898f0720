/** Reports over many journeys: channel ROI and ROAS, model comparison, top conversion paths. */
@ApplicationModule(allowedDependencies = {"attribution", "journey", "channel", "model", "cache", "web"})
package io.nexus.server.analytics;

import org.springframework.modulith.ApplicationModule;
