/**
 * What ad platforms report each campaign cost per day ({@code channel_spend}): written by the integration module's
 * imports and uploads through {@link io.nexus.server.spend.SpendLedger}, replaced rather than added when the same days
 * come again, read by the analytics module for channel ROI, ROAS and budget plans, and listed at
 * {@code GET /api/v1/attribution/spend} (docs/integrations.md#spend).
 */
@ApplicationModule(allowedDependencies = {"web", "persistence"})
package io.nexus.server.spend;

import org.springframework.modulith.ApplicationModule;
