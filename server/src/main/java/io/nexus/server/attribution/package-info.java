/**
 * Attribution: single and bulk calculations with the engine, background jobs, stored results, the cached fits of
 * data-driven models and journey visualizations.
 */
@ApplicationModule(allowedDependencies = {"journey", "channel", "model", "cache", "web", "persistence"})
package io.nexus.server.attribution;

import org.springframework.modulith.ApplicationModule;
