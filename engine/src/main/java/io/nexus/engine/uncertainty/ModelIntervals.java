package io.nexus.engine.uncertainty;

import io.nexus.engine.Channel;
import io.nexus.engine.ChannelTotals;
import java.io.Serializable;
import java.util.List;

/**
 * One model's channel totals with their bootstrap intervals, and the replicates they came from; immutable.
 *
 * @param model the label of the model, as in {@link ChannelTotals#model}
 * @param confidence the intervals' confidence level, such as 0.9
 * @param seed the seed the replicates were drawn from
 * @param resampling how the replicates re-weighted the data
 * @param channels one entry per channel of the point estimate, in its order
 * @param replicates the model's channel totals in each replicate, in replicate order: what the intervals summarise,
 *     for statistics of one's own (shares, sums of channels, a budget's revenue)
 */
public record ModelIntervals(String model, double confidence, long seed, Resampling resampling,
    List<ChannelInterval> channels, List<ChannelTotals> replicates) implements Serializable {

  public ModelIntervals {
    channels = List.copyOf(channels);
    replicates = List.copyOf(replicates);
  }

  /** The entry for {@code channel}, or {@code null} when the channel is not in the point estimate. */
  public ChannelInterval get(Channel channel) {
    for (ChannelInterval interval : channels) {
      if (interval.channel().equals(channel)) {
        return interval;
      }
    }
    return null;
  }

  /** The entry for the channel {@linkplain Channel#named named} {@code name}, or {@code null}. */
  public ChannelInterval get(String name) {
    return get(Channel.named(name));
  }
}
