package io.nexus.server.cache;

import java.util.function.LongSupplier;

/**
 * The cache versions an answer depends on: the catalogue's (channels and models) and that of all journey data. Each
 * is read when first asked for and then kept, so ask for it, or make the key, before reading the data. A negative
 * version means the backend could not tell; keys made with one cache nothing. One per request: not thread-safe.
 */
public final class CacheVersions {
  private static final long UNREAD = Long.MIN_VALUE;

  private final LongSupplier readCatalog;
  private final LongSupplier readData;
  private long catalog = UNREAD;
  private long data = UNREAD;

  CacheVersions(LongSupplier readCatalog, LongSupplier readData) {
    this.readCatalog = readCatalog;
    this.readData = readData;
  }

  /** The version of the channel and model catalogue. */
  public long catalog() {
    if (catalog == UNREAD) {
      catalog = readCatalog.getAsLong();
    }
    return catalog;
  }

  /** The version of all journey data, which a change to the catalogue moves on as well. */
  public long data() {
    if (data == UNREAD) {
      data = readData.getAsLong();
    }
    return data;
  }

  /**
   * A key for an answer that depends on the catalogue and on what {@code name} names, such as one journey at its
   * change counter.
   */
  public VersionedKey key(String name) {
    return new VersionedKey(name, catalog(), VersionedKey.NO_DATA);
  }

  /** A key for an answer that depends on the catalogue and on every journey: data-driven models, reports. */
  public VersionedKey keyOnAllData(String name) {
    return new VersionedKey(name, catalog(), data());
  }
}
