package io.nexus.server.cache;

/**
 * A cache key: what the answer is, with the versions of what it depends on read before its data (see
 * {@link CacheVersions}, the only maker of keys); immutable.
 */
public final class VersionedKey {
  /** The data version of a key that does not depend on all journey data. */
  static final long NO_DATA = Long.MAX_VALUE;

  private final String name;
  private final long catalog;
  private final long data;

  VersionedKey(String name, long catalog, long data) {
    this.name = name;
    this.catalog = catalog;
    this.data = data;
  }

  /** Whether every version was known; an answer is cached only then. */
  public boolean cacheable() {
    return catalog >= 0 && data >= 0;
  }

  /** The key as stored: {@code name:c<catalog>} or {@code name:c<catalog>d<data>}. */
  public String value() {
    return name + ":c" + catalog + (data == NO_DATA ? "" : "d" + data);
  }

  @Override
  public String toString() {
    return value();
  }
}
