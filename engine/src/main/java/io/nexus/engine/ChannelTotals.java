package io.nexus.engine;

import java.util.List;

/**
 * The conversions and value a model attributes to each channel over a set of journeys; immutable and thread-safe.
 *
 * @param model the label of the model, such as {@code markov} or {@code time_decay(half_life=3)}
 * @param channels one entry per channel that appears in the data, in channel-name order
 * @param notes remarks a user should see beside the numbers (such as estimated Shapley sets), often empty
 */
public record ChannelTotals(String model, List<ChannelTotal> channels, List<String> notes)
    implements java.io.Serializable {

  public ChannelTotals {
    channels = List.copyOf(channels);
    notes = List.copyOf(notes);
  }

  /** The total of one channel under one model. */
  public record ChannelTotal(String channel, double conversions, double value) implements java.io.Serializable {}

  /** The entry for {@code channel}, or {@code null} when the channel does not appear. */
  public ChannelTotal get(String channel) {
    for (ChannelTotal total : channels) {
      if (total.channel().equals(channel)) {
        return total;
      }
    }
    return null;
  }

  /** The conversions attributed to {@code channel}, 0 when it does not appear. */
  public double conversions(String channel) {
    ChannelTotal total = get(channel);
    return total == null ? 0 : total.conversions();
  }

  /** The value attributed to {@code channel}, 0 when it does not appear. */
  public double value(String channel) {
    ChannelTotal total = get(channel);
    return total == null ? 0 : total.value();
  }
}
