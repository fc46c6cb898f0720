package io.nexus.server.cache;

/**
 * A snapshot of the cache's figures; immutable.
 *
 * @param backend {@code caffeine} or {@code redis}
 * @param status {@code UP} or {@code DOWN}
 * @param hits lookups answered from the cache (Redis: the server's keyspace hits)
 * @param misses lookups that were not (Redis: the server's keyspace misses)
 * @param hitRate hits / (hits + misses), 0 before any lookup
 * @param keys entries held under the {@code attribution:} prefix
 * @param memoryUsedBytes memory the entries take (Redis: the server's used memory)
 * @param ttlSeconds the time to live of new entries
 * @param detail why the backend is down, or {@code null}
 */
public record CacheStatistics(
    String backend,
    String status,
    long hits,
    long misses,
    double hitRate,
    long keys,
    long memoryUsedBytes,
    long ttlSeconds,
    String detail) {}
