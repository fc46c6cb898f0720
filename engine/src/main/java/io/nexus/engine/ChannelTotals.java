package io.nexus.engine;

import java.io.Serializable;
import java.util.List;

/**
 * The conversions and value a model attributes to each channel over a set of journeys; immutable and thread-safe.
 *
 * @param model the label of the model, such as {@code markov} or {@code time_decay(half_life=3)}
 * @param channels one entry per channel that appears in the data, in channel-name order
 * @param notes remarks a user should see beside the numbers (such as estimated Shapley sets), often empty
 */
public record ChannelTotals(String model, List<ChannelTotal> channels, List<String> notes) implements Serializable {

  public ChannelTotals {
    channels = List.copyOf(channels);
    notes = List.copyOf(notes);
  }

  /** The total of one channel under one model. */
  public record ChannelTotal(Channel channel, double conversions, double value) implements Serializable {}

  /** The entry for {@code channel}, or {@code null} when the channel does not appear. */
  public ChannelTotal get(Channel channel) {
    for (ChannelTotal total : channels) {
      if (total.channel().equals(channel)) {
        return total;
      }
    }
    return null;
  }

  /** The entry for the channel {@linkplain Channel#named named} {@code name}, or {@code null}. */
  public ChannelTotal get(String name) {
    return get(Channel.named(name));
  }

  /** The conversions attributed to the channel named {@code name}, 0 when it does not appear. */
  public double conversions(String name) {
    ChannelTotal total = get(name);
    return total == null ? 0 : total.conversions();
  }

  /** The value attributed to the channel named {@code name}, 0 when it does not appear. */
  public double value(String name) {
    ChannelTotal total = get(name);
    return total == null ? 0 : total.value();
  }
}
