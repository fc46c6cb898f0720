package io.nexus.engine.rules;

import io.nexus.engine.Channel;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.ModelSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * All credit to the last touch that is not direct traffic; direct only when the path has nothing else. Direct visits
 * are typed-in URLs and bookmarks: crediting them hides the channel that made the user come back.
 *
 * <p>A channel is direct when it says so ({@link Channel#direct()}: from its type in the service's catalogue, from its
 * name on files), or, when the model names its direct channels (parameter {@code direct}), when its name is one of
 * them.
 */
final class LastNonDirectModel extends RuleModel {
  private static final long serialVersionUID = 2L;

  private final List<String> directNames;
  private transient volatile DirectFlags cached;

  /** {@code directNames}: lower-case names of the direct channels, or {@code null} to go by each channel's flag. */
  LastNonDirectModel(ModelSpec spec, List<String> directNames) {
    super(spec);
    this.directNames = directNames == null ? null : List.copyOf(directNames);
  }

  /** Which channel ids of one dictionary are direct, as of its size when computed. */
  private record DirectFlags(ChannelDictionary channels, boolean[] direct) {}

  @Override
  public void pathShares(JourneyBatch batch, int row, int n, long conversionTime, double[] out) {
    int from = batch.start(row);
    boolean[] direct = directFlags(batch.channels());
    int chosen = n - 1;
    for (int i = n - 1; i >= 0; i--) {
      int channel = batch.channel(from + i);
      if (!direct[channel]) {
        chosen = i;
        break;
      }
    }
    Arrays.fill(out, 0, n, 0);
    out[chosen] = 1;
  }

  private boolean[] directFlags(ChannelDictionary channels) {
    DirectFlags flags = cached;
    if (flags == null || flags.channels() != channels || flags.direct().length < channels.size()) {
      boolean[] direct = new boolean[channels.size()];
      for (int id = 0; id < direct.length; id++) {
        direct[id] = isDirect(channels.channel(id));
      }
      flags = new DirectFlags(channels, direct);
      cached = flags;
    }
    return flags.direct();
  }

  private boolean isDirect(Channel channel) {
    return directNames == null ? channel.direct()
        : directNames.contains(channel.name().strip().toLowerCase(Locale.ROOT));
  }
}
