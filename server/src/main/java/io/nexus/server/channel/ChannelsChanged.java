package io.nexus.server.channel;

import org.springframework.modulith.NamedInterface;

/**
 * Published inside the transaction that created, changed or deactivated a channel; immutable.
 *
 * @param channelId the channel
 */
@NamedInterface("events")
public record ChannelsChanged(long channelId) {}
