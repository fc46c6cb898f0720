package io.nexus.server.channel;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read access to the channel catalogue for other modules; thread-safe. */
public interface ChannelCatalog {

  /** The channel with this id, if any. */
  Optional<Channel> find(long id);

  /** The channels with these ids that exist, by id. */
  Map<Long, Channel> findAll(Collection<Long> ids);

  /** Every channel, by id. */
  List<Channel> all();
}
