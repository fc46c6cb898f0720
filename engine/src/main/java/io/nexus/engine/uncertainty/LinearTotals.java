package io.nexus.engine.uncertainty;

import io.nexus.engine.Channel;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.ChannelTotals.ChannelTotal;
import io.nexus.engine.FittedModel;
import io.nexus.engine.JourneyBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A rule's channel totals over the distinct paths of a path file as a linear function of the paths' counts: a rule
 * learns nothing, so each path's share per channel (its touches' shares added up) is the same in every replicate and is
 * computed once; a replicate's totals are then each path's conversions and value times its shares, exactly what
 * {@link io.nexus.engine.PartialTotals} adds up, without asking the rule again. Immutable and thread-safe.
 */
final class LinearTotals {
  private final String label;
  private final List<String> notes;
  private final int[] start;
  private final int[] channel;
  private final double[] share;
  private final int[] present;
  private final Channel[] names;

  LinearTotals(FittedModel rule, JourneyBatch paths) {
    this.label = rule.spec().label();
    this.notes = rule.notes();
    int size = paths.size();
    start = new int[size + 1];
    int[] channels = new int[Math.max(16, paths.touchCount())];
    double[] shares = new double[channels.length];
    double[] touchShares = new double[Math.max(1, paths.maxLength())];
    double[] byChannel = new double[paths.channels().size()];
    boolean[] seen = new boolean[byChannel.length];
    int entries = 0;
    for (int p = 0; p < size; p++) {
      int length = paths.length(p);
      int from = paths.start(p);
      for (int i = 0; i < length; i++) {
        seen[paths.channel(from + i)] = true;
      }
      if (length > 0) {
        rule.pathShares(paths, p, length, paths.conversionTime(p), touchShares);
        for (int i = 0; i < length; i++) {
          byChannel[paths.channel(from + i)] += touchShares[i];
        }
        // One entry per distinct channel of the path, in the order of first touch.
        for (int i = 0; i < length; i++) {
          int c = paths.channel(from + i);
          if (byChannel[c] != 0 || !contains(channels, start[p], entries, c)) {
            channels[entries] = c;
            shares[entries] = byChannel[c];
            byChannel[c] = 0;
            entries++;
          }
        }
      }
      start[p + 1] = entries;
    }
    channel = Arrays.copyOf(channels, entries);
    share = Arrays.copyOf(shares, entries);
    List<Integer> ids = new ArrayList<>();
    for (int c = 0; c < seen.length; c++) {
      if (seen[c]) {
        ids.add(c);
      }
    }
    ids.sort(Comparator.comparing(paths.channels()::channel));
    present = ids.stream().mapToInt(Integer::intValue).toArray();
    names = new Channel[present.length];
    for (int k = 0; k < present.length; k++) {
      names[k] = paths.channels().channel(present[k]);
    }
  }

  private static boolean contains(int[] values, int from, int to, int value) {
    for (int i = from; i < to; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }

  /** The rule's totals over {@code replicate}, the distinct paths with a replicate's counts. */
  ChannelTotals totals(JourneyBatch replicate) {
    int channels = replicate.channels().size();
    double[] conversions = new double[channels];
    double[] values = new double[channels];
    for (int p = 0, size = replicate.size(); p < size; p++) {
      double pathConversions = replicate.conversions(p);
      double pathValue = replicate.value(p);
      if (pathConversions == 0 && pathValue == 0) {
        continue;
      }
      for (int e = start[p]; e < start[p + 1]; e++) {
        conversions[channel[e]] += share[e] * pathConversions;
        values[channel[e]] += share[e] * pathValue;
      }
    }
    List<ChannelTotal> totals = new ArrayList<>(present.length);
    for (int k = 0; k < present.length; k++) {
      totals.add(new ChannelTotal(names[k], conversions[present[k]], values[present[k]]));
    }
    return new ChannelTotals(label, totals, notes);
  }
}
