package io.nexus.engine.rules;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.batch.JourneyBatch;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * All credit to the last touch that is not direct traffic; direct only when the journey has nothing else. Direct
 * visits are typed-in URLs and bookmarks: crediting them hides the channel that made the user come back.
 */
final class LastNonDirectModel extends RuleModel {
  private static final long serialVersionUID = 1L;

  private final List<String> directChannels;
  private transient volatile boolean[] directById;
  private transient volatile ChannelDictionary cachedFor;

  LastNonDirectModel(ModelSpec spec, List<String> directChannels) {
    super(spec);
    this.directChannels = List.copyOf(directChannels);
  }

  @Override
  public void touchShares(JourneyBatch batch, int row, double[] out) {
    int from = batch.start(row);
    int n = batch.length(row);
    if (n == 0) {
      return;
    }
    boolean[] direct = directFlags(batch.channels());
    int chosen = n - 1;
    for (int i = n - 1; i >= 0; i--) {
      int channel = batch.channel(from + i);
      if (channel >= direct.length || !direct[channel]) {
        chosen = i;
        break;
      }
    }
    Arrays.fill(out, 0, n, 0);
    out[chosen] = 1;
  }

  private boolean[] directFlags(ChannelDictionary channels) {
    boolean[] flags = directById;
    if (flags == null || cachedFor != channels || flags.length < channels.size()) {
      flags = new boolean[channels.size()];
      for (int id = 0; id < flags.length; id++) {
        flags[id] = directChannels.contains(channels.name(id).strip().toLowerCase(Locale.ROOT));
      }
      directById = flags;
      cachedFor = channels;
    }
    return flags;
  }
}
