/**
 * The AI provider (Claude through the official Anthropic SDK): one forced-tool Messages call per journey, its answer
 * validated before anyone uses it, stored per tenant so that the same question is never paid for twice, within
 * per-request and per-day call budgets.
 */
@ApplicationModule(allowedDependencies = {"web", "persistence"})
package io.nexus.server.ai;

import org.springframework.modulith.ApplicationModule;
