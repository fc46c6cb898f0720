package io.nexus.server.channel;

/**
 * Published inside the transaction that created, changed or deactivated a channel; immutable.
 *
 * @param channelId the channel
 */
public record ChannelsChanged(long channelId) {}
