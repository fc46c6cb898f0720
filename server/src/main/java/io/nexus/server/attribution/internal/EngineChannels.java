package io.nexus.server.attribution.internal;

import io.nexus.engine.Channel;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Catalogue channels as the engine knows them: identified by their id (a renamed channel stays the same channel),
 * named by their name, direct traffic when their type is {@code direct} whatever they are called. One engine channel
 * per catalogue channel, made once.
 */
final class EngineChannels implements LongFunction<Channel> {
  private final Map<Long, Channel> byId = new HashMap<>();

  // The catalogue's own Channel shares the engine's simple name; this is the one place where both meet.
  EngineChannels(Collection<io.nexus.server.channel.Channel> catalogue) {
    for (var channel : catalogue) {
      byId.put(channel.id(), new Channel(channel.id(), channel.name(), channel.directTraffic()));
    }
  }

  /** The engine channel of catalogue channel {@code id}. */
  @Override
  public Channel apply(long id) {
    // Touchpoints reference their channel by foreign key, so every id read with its journey is in the catalogue
    // read with it; a channel added in between is only named by its id until the next read.
    return byId.computeIfAbsent(id, missing -> new Channel(missing, "#" + missing, false));
  }
}
