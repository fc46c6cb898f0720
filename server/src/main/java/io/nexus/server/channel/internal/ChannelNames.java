package io.nexus.server.channel.internal;

import static io.nexus.engine.Channel.isDirectName;

import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelImport;
import io.nexus.server.channel.ChannelsChanged;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Catalogue channels by name for imports, added when missing with the type their name implies. */
@Component
class ChannelNames implements ChannelImport {
  private final ChannelRepository channels;
  private final ApplicationEventPublisher events;

  ChannelNames(ChannelRepository channels, ApplicationEventPublisher events) {
    this.channels = channels;
    this.events = events;
  }

  @Override
  public Map<String, Channel> findOrAdd(Collection<String> names) {
    Map<String, Channel> byName = new LinkedHashMap<>();
    for (String name : names) {
      if (byName.containsKey(name)) {
        continue;
      }
      Optional<Channel> found = channels.findByName(name);
      if (found.isEmpty()) {
        // The engine's rule for names, so that an imported "direct" is skipped by last_non_direct here as it was
        // where its results were computed.
        String type = isDirectName(name) ? Channel.DIRECT_TYPE : "other";
        long id = channels.insert(new Channel(0, name, type, "Added by an import: named by imported touchpoints",
            null, null, null, true, Map.of(), null, null));
        events.publishEvent(new ChannelsChanged(id));
        found = channels.find(id);
      }
      byName.put(name, found.orElseThrow());
    }
    return byName;
  }
}
