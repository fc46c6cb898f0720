/**
 * Attribution: single and bulk calculations with the engine, background jobs, stored results, the cached fits of
 * data-driven models, journey visualizations, and the import of journeys attributed elsewhere (the Spark job).
 */
@ApplicationModule(allowedDependencies = {"journey", "journey :: imports", "channel", "model", "cache", "ai", "web",
    "persistence"})
package io.nexus.server.attribution;

import org.springframework.modulith.ApplicationModule;
