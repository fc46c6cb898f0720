/**
 * Caching of attribution answers on Caffeine (embedded default) or Redis ({@code NEXUS_CACHE=redis}): one
 * {@link io.nexus.server.cache.AttributionCache#getOrCompute getOrCompute} with keys that carry the versions of what
 * the answer depends on, read before its data. It knows the other modules only by the change events it versions.
 */
@ApplicationModule(allowedDependencies = {"web", "persistence", "channel :: events", "model :: events",
    "journey :: events", "spend :: events"})
package io.nexus.server.cache;

import org.springframework.modulith.ApplicationModule;
