/**
 * Caching of attribution answers on Caffeine (embedded default) or Redis ({@code NEXUS_CACHE=redis}): one
 * {@link io.nexus.server.cache.AttributionCache#getOrCompute getOrCompute} with keys that carry the versions of what
 * the answer depends on, read before its data.
 */
package io.nexus.server.cache;
