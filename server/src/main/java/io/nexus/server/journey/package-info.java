/**
 * Customer journeys, their touchpoints and conversions: validated ingest (one at a time or in all-or-nothing
 * batches, idempotent by client event id) with journey aggregates kept right under concurrent writes, reads for the
 * attribution and analytics modules, and whole-journey imports.
 */
@ApplicationModule(allowedDependencies = {"channel", "web", "persistence"})
package io.nexus.server.journey;

import org.springframework.modulith.ApplicationModule;
