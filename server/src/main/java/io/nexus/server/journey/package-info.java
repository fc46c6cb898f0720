/**
 * Customer journeys, their touchpoints and conversions: validated ingest (one at a time or in all-or-nothing
 * batches, idempotent by client event id) with journey aggregates kept right under concurrent writes.
 */
package io.nexus.server.journey;
