package io.nexus.server.cache.internal;

import io.nexus.server.cache.CacheStatistics;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;

/**
 * The shared cache on Redis: entries as JSON under {@code attribution:*} with the configured time to live, versions
 * as Redis counters so that every instance sees a change; thread-safe.
 *
 * <p>When Redis fails the cache steps aside for a few seconds (reads miss, writes are dropped) instead of making
 * every request wait for a timeout. Version bumps that could not reach Redis are made up for as soon as it answers
 * again (and once when the instance starts), so nothing cached before an outage is served after data changed during
 * it. A failed read or write loses nothing and leaves the versions alone.
 */
final class RedisBackend implements CacheBackend {
  private static final Logger log = LoggerFactory.getLogger(RedisBackend.class);
  private static final String PREFIX = "attribution:";
  private static final byte[] DATA_VERSION = (PREFIX + "version:data").getBytes();
  private static final byte[] CATALOG_VERSION = (PREFIX + "version:catalog").getBytes();
  private static final long BACKOFF_MILLIS = 2_000;

  private final RedisConnectionFactory connections;
  private final CacheMeters meters;
  private final long ttlSeconds;
  private volatile long downUntil;
  private volatile String downReason;
  private volatile boolean bumpOwed = true;

  RedisBackend(RedisConnectionFactory connections, CacheSettings settings, CacheMeters meters) {
    this.connections = connections;
    this.meters = meters;
    this.ttlSeconds = settings.ttlSeconds();
  }

  @Override
  public byte[] get(String key) {
    return call(() -> withConnection(c -> c.stringCommands().get(redisKey(key))), null);
  }

  @Override
  public void put(String key, byte[] value) {
    call(() -> withConnection(c -> c.stringCommands().setEx(redisKey(key), ttlSeconds, value)), null);
  }

  @Override
  public long dataVersion() {
    return version(DATA_VERSION);
  }

  @Override
  public long catalogVersion() {
    return version(CATALOG_VERSION);
  }

  @Override
  public void dataChanged() {
    bump(false);
  }

  @Override
  public void catalogChanged() {
    bump(true);
  }

  private void bump(boolean catalog) {
    Boolean done = call(() -> withConnection(c -> {
      c.stringCommands().incr(DATA_VERSION);
      if (catalog) {
        c.stringCommands().incr(CATALOG_VERSION);
      }
      return Boolean.TRUE;
    }), Boolean.FALSE);
    if (!done) {
      bumpOwed = true;
    }
  }

  /** A version, or -1 (never cache) when Redis cannot be asked. */
  private long version(byte[] name) {
    Long version = call(() -> withConnection(c -> {
      if (bumpOwed) {
        c.stringCommands().incr(DATA_VERSION);
        c.stringCommands().incr(CATALOG_VERSION);
        bumpOwed = false;
      }
      byte[] raw = c.stringCommands().get(name);
      return raw == null ? c.stringCommands().incr(name) : Long.valueOf(new String(raw));
    }), -1L);
    return version;
  }

  @Override
  public CacheStatistics statistics() {
    if (!available()) {
      return down();
    }
    try {
      return withConnection(c -> {
        Properties stats = c.serverCommands().info("stats");
        Properties memory = c.serverCommands().info("memory");
        long hits = number(stats, "keyspace_hits");
        long misses = number(stats, "keyspace_misses");
        long keys = 0;
        try (Cursor<byte[]> cursor = c.keyCommands().scan(ScanOptions.scanOptions()
            .match(PREFIX + "*").count(1000).build())) {
          while (cursor.hasNext()) {
            cursor.next();
            keys++;
          }
        }
        return new CacheStatistics("redis", "UP", hits, misses, CacheMeters.rate(hits, misses), keys,
            number(memory, "used_memory"), ttlSeconds, null);
      });
    } catch (RuntimeException e) {
      fail(e);
      return down();
    }
  }

  private CacheStatistics down() {
    long hits = meters.hits();
    long misses = meters.misses();
    return new CacheStatistics("redis", "DOWN", hits, misses, CacheMeters.rate(hits, misses), 0, 0, ttlSeconds,
        downReason == null ? "Redis is not reachable" : downReason);
  }

  /** Whether Redis answered recently enough to be asked. */
  private boolean available() {
    return System.currentTimeMillis() >= downUntil;
  }

  private <T> T call(Supplier<T> action, T fallback) {
    if (!available()) {
      return fallback;
    }
    try {
      T result = action.get();
      downReason = null;
      return result;
    } catch (RuntimeException e) {
      fail(e);
      return fallback;
    }
  }

  private void fail(RuntimeException e) {
    meters.error();
    boolean wasUp = downReason == null;
    downReason = "Redis is not reachable: " + rootMessage(e);
    downUntil = System.currentTimeMillis() + BACKOFF_MILLIS;
    if (wasUp) {
      log.warn("cache: {}; answering from the database until it is back", downReason);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private <T> T withConnection(Function<RedisConnection, T> work) {
    try (RedisConnection connection = connections.getConnection()) {
      return work.apply(connection);
    }
  }

  private static byte[] redisKey(String key) {
    return (PREFIX + key).getBytes(StandardCharsets.UTF_8);
  }

  private static long number(Properties properties, String name) {
    String value = properties == null ? null : properties.getProperty(name);
    try {
      return value == null ? 0 : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
