package io.nexus.engine;

import io.nexus.engine.ChannelTotals.ChannelTotal;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One model's channel totals over part of the data: batches are added, parts totalled elsewhere (other partitions,
 * other machines) are merged in, and the whole is completed into {@link ChannelTotals}; not thread-safe, serializable
 * so that a cluster can ship parts to one place. This is how {@link Attribution#runAll} totals too.
 *
 * <p>A model's channel totals are the sums of its journey credits, for every model (Markov included, so that its
 * journeys and its totals agree): each converting path's conversions and value split by its touch shares. Within a
 * part, sums are compensated (Neumaier) in the order rows are added; parts are merged exactly, as decimal sums of their
 * compensated sums, so completed totals do not depend on the order in which parts are merged.
 */
public final class PartialTotals implements Serializable {
  private static final long serialVersionUID = 1L;

  // Only adding needs the fit; a part shipped elsewhere carries what completing needs, not the fit itself.
  private final transient FittedModel model;
  private final String label;
  private final List<String> notes;
  private final ChannelDictionary channels;
  private boolean[] present = new boolean[0];
  private double[] conversions = new double[0];
  private double[] conversionsError = new double[0];
  private double[] values = new double[0];
  private double[] valuesError = new double[0];
  private BigDecimal[] mergedConversions;
  private BigDecimal[] mergedValues;

  /**
   * Empty totals of {@code model}, naming channels by the ids of {@code channels}.
   *
   * @param channels the dictionary channel ids are kept in; batches with other dictionaries are mapped into it
   */
  public PartialTotals(FittedModel model, ChannelDictionary channels) {
    this.model = model;
    this.label = model.spec().label();
    this.notes = List.copyOf(model.notes());
    this.channels = channels;
  }

  /**
   * Adds every row of {@code batch}.
   *
   * @throws IllegalStateException when these totals came from elsewhere without their fit; such parts only merge
   */
  public PartialTotals add(JourneyBatch batch) {
    if (model == null) {
      throw new IllegalStateException("totals shipped without their fit can be merged and completed, not added to");
    }
    int[] ids = idsIn(batch.channels());
    for (int t = 0, n = batch.touchCount(); t < n; t++) {
      present[ids[batch.channel(t)]] = true;
    }
    double[] shares = new double[Math.max(1, batch.maxLength())];
    for (int row = 0, n = batch.size(); row < n; row++) {
      int from = batch.start(row);
      for (int p = 0, paths = batch.paths(row); p < paths; p++) {
        int length = batch.pathLength(row, p);
        double pathConversions = batch.pathConversions(row, p);
        double pathValue = batch.pathValue(row, p);
        if (length == 0 || (pathConversions == 0 && pathValue == 0)) {
          continue;
        }
        model.pathShares(batch, row, length, batch.pathConversionTime(row, p), shares);
        for (int i = 0; i < length; i++) {
          int channel = ids[batch.channel(from + i)];
          addCompensated(conversions, conversionsError, channel, shares[i] * pathConversions);
          addCompensated(values, valuesError, channel, shares[i] * pathValue);
        }
      }
    }
    return this;
  }

  /**
   * Adds {@code other}'s totals to these, exactly.
   *
   * @throws IllegalArgumentException when {@code other} totals another model
   */
  public PartialTotals merge(PartialTotals other) {
    if (!other.label.equals(label)) {
      throw new IllegalArgumentException("cannot merge totals of " + other.label + " into totals of " + label);
    }
    int[] ids = idsIn(other.channels);
    if (mergedConversions == null) {
      mergedConversions = new BigDecimal[present.length];
      mergedValues = new BigDecimal[present.length];
    }
    for (int c = 0; c < other.present.length; c++) {
      int id = ids[c];
      present[id] |= other.present[c];
      mergedConversions[id] = plus(mergedConversions[id], other.exactConversions(c));
      mergedValues[id] = plus(mergedValues[id], other.exactValues(c));
    }
    return this;
  }

  /** The totals: one entry per channel that appeared, in channel order, with the model's remarks. */
  public ChannelTotals complete() {
    List<Integer> ids = new ArrayList<>();
    for (int c = 0; c < present.length; c++) {
      if (present[c]) {
        ids.add(c);
      }
    }
    ids.sort(Comparator.comparing(channels::channel));
    List<ChannelTotal> totals = new ArrayList<>(ids.size());
    for (int c : ids) {
      totals.add(new ChannelTotal(channels.channel(c), sum(mergedConversions, conversions, conversionsError, c),
          sum(mergedValues, values, valuesError, c)));
    }
    return new ChannelTotals(label, totals, notes);
  }

  /** The ids in this dictionary of the channels of {@code other}, growing the columns to hold every one of them. */
  private int[] idsIn(ChannelDictionary other) {
    int[] ids = new int[other.size()];
    for (int c = 0; c < ids.length; c++) {
      ids[c] = other == channels ? c : channels.idOf(other.channel(c));
    }
    int size = channels.size();
    if (size > present.length) {
      present = Arrays.copyOf(present, size);
      conversions = Arrays.copyOf(conversions, size);
      conversionsError = Arrays.copyOf(conversionsError, size);
      values = Arrays.copyOf(values, size);
      valuesError = Arrays.copyOf(valuesError, size);
      if (mergedConversions != null) {
        mergedConversions = Arrays.copyOf(mergedConversions, size);
        mergedValues = Arrays.copyOf(mergedValues, size);
      }
    }
    return ids;
  }

  private BigDecimal exactConversions(int c) {
    return exact(mergedConversions, conversions, conversionsError, c);
  }

  private BigDecimal exactValues(int c) {
    return exact(mergedValues, values, valuesError, c);
  }

  private static BigDecimal exact(BigDecimal[] merged, double[] sums, double[] errors, int c) {
    BigDecimal own = new BigDecimal(sums[c]).add(new BigDecimal(errors[c]));
    return merged == null || merged[c] == null ? own : merged[c].add(own);
  }

  private static double sum(BigDecimal[] merged, double[] sums, double[] errors, int c) {
    // Without merged parts the compensated sum is the double nearest the exact one, as the decimal form would give.
    return merged == null || merged[c] == null ? sums[c] + errors[c] : exact(merged, sums, errors, c).doubleValue();
  }

  private static BigDecimal plus(BigDecimal a, BigDecimal b) {
    return a == null ? b : a.add(b);
  }

  private static void addCompensated(double[] sums, double[] errors, int i, double x) {
    double sum = sums[i];
    double t = sum + x;
    errors[i] += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
    sums[i] = t;
  }
}
