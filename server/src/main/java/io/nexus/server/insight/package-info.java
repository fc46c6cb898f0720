/**
 * Insights about attribution data: facts computed deterministically from the attribution and analytics reports
 * (credits, cost, ROI and ROAS per channel under each model, where models disagree, week-over-week change, top
 * paths, time and touches to conversion), written up by Claude through the AI module or by rules without a key
 * ({@code POST /api/v1/attribution/ai/insights}, docs/ai.md).
 */
@ApplicationModule(allowedDependencies = {"analytics", "attribution", "journey", "model", "channel", "ai", "web"})
package io.nexus.server.insight;

import org.springframework.modulith.ApplicationModule;
