package io.nexus.server.channel;

import java.util.Collection;
import java.util.Map;

/** Finds catalogue channels by name for imports of data that names its channels, adding the missing ones; thread-safe. */
public interface ChannelImport {

  /**
   * The channels named {@code names} exactly, by name: existing ones as they are; missing ones added, of type
   * {@code direct} when the name is one that files give direct traffic ({@code direct}, {@code (direct)}, any case),
   * else {@code other}. Runs in the caller's transaction; a concurrent import adding the same name makes it fail with
   * a constraint error, after which a retry finds the channel.
   */
  Map<String, Channel> findOrAdd(Collection<String> names);
}
