/**
 * Caching of attribution answers with versioned keys, on Caffeine (embedded default) or Redis
 * ({@code NEXUS_CACHE=redis}).
 */
package io.nexus.server.cache;
