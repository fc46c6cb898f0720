package io.nexus.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Runs models over journeys: fits them, totals them per channel and credits single journeys; stateless and
 * thread-safe.
 */
public final class Attribution {
  private Attribution() {}

  /** Receives one channel's credit on one row; see {@link #forEachCredit}. */
  @FunctionalInterface
  public interface CreditConsumer {
    /**
     * @param row the row of the batch
     * @param channel the channel id
     * @param credit the channel's share of the row, summed over its touches
     * @param conversions the conversions attributed to the channel: {@code credit} times the row's conversions when
     *     the row is a single converting path, else each path's conversions times the channel's share of the path
     * @param value the value attributed to the channel, likewise
     */
    void accept(int row, int channel, double credit, double conversions, double value);
  }

  /**
   * Fits every model on {@code batch} and totals it over the same batch ({@link #totals}), models in parallel.
   *
   * @throws InvalidModelException when a model needs touch times and the batch has none
   */
  public static List<ChannelTotals> run(JourneyBatch batch, List<AttributionModel> models) {
    return runAll(batch, models).stream().map(ModelRun::totals).toList();
  }

  /** One model's fit on a batch and its channel totals. */
  public record ModelRun(AttributionModel model, FittedModel fit, ChannelTotals totals) {}

  /** Like {@link #run}, keeping each model's fit for a look inside (removal effects, transition matrix). */
  public static List<ModelRun> runAll(JourneyBatch batch, List<AttributionModel> models) {
    for (AttributionModel model : models) {
      if (model.needsTimes() && !batch.hasTimes()) {
        throw new InvalidModelException(model.spec().label(), null,
            "needs touch and conversion times; path files have none, use touchpoint data");
      }
    }
    return models.parallelStream().map(model -> {
      FittedModel fit = model.fit(batch);
      return new ModelRun(model, fit, totals(fit, batch));
    }).toList();
  }

  /**
   * The channel totals of {@code model} over {@code batch}: each converting path's conversions and value split by its
   * touch shares, so the sums of the journey credits, for every model; see {@link PartialTotals}.
   */
  public static ChannelTotals totals(FittedModel model, JourneyBatch batch) {
    return new PartialTotals(model, batch.channels()).add(batch).complete();
  }

  /**
   * Calls {@code consumer} once per channel on each row of {@code batch} that has a credited conversion, with the
   * channel's credit under {@code model}; allocates nothing per row that is a single converting path.
   */
  public static void forEachCredit(FittedModel model, JourneyBatch batch, CreditConsumer consumer) {
    double[] shares = new double[Math.max(1, batch.maxLength())];
    double[] byChannel = new double[batch.channels().size()];
    double[] conversionsByChannel = new double[byChannel.length];
    double[] valueByChannel = new double[byChannel.length];
    int[] touched = new int[Math.max(1, batch.maxLength())];
    for (int row = 0, n = batch.size(); row < n; row++) {
      int from = batch.start(row);
      int length = batch.length(row);
      if (length == 0 || batch.conversions(row) == 0) {
        continue;
      }
      boolean single = batch.singlePath(row);
      if (!single && ConvertingPaths.totalWeight(batch, row, ConvertingPaths.weighByValue(batch, row)) == 0) {
        continue;
      }
      if (byChannel.length < batch.channels().size()) {
        byChannel = Arrays.copyOf(byChannel, batch.channels().size());
        conversionsByChannel = Arrays.copyOf(conversionsByChannel, byChannel.length);
        valueByChannel = Arrays.copyOf(valueByChannel, byChannel.length);
      }
      model.touchShares(batch, row, shares);
      int distinct = 0;
      for (int i = 0; i < length; i++) {
        int channel = batch.channel(from + i);
        if (byChannel[channel] == 0 && !contains(touched, distinct, channel)) {
          touched[distinct++] = channel;
        }
        byChannel[channel] += shares[i];
      }
      if (!single) {
        for (int p = 0, paths = batch.paths(row); p < paths; p++) {
          int pathLength = batch.pathLength(row, p);
          if (pathLength == 0) {
            continue;
          }
          model.pathShares(batch, row, pathLength, batch.pathConversionTime(row, p), shares);
          for (int i = 0; i < pathLength; i++) {
            int channel = batch.channel(from + i);
            conversionsByChannel[channel] += shares[i] * batch.pathConversions(row, p);
            valueByChannel[channel] += shares[i] * batch.pathValue(row, p);
          }
        }
      }
      for (int k = 0; k < distinct; k++) {
        int channel = touched[k];
        double credit = byChannel[channel];
        if (single) {
          consumer.accept(row, channel, credit, credit * batch.conversions(row), credit * batch.value(row));
        } else {
          consumer.accept(row, channel, credit, conversionsByChannel[channel], valueByChannel[channel]);
          conversionsByChannel[channel] = 0;
          valueByChannel[channel] = 0;
        }
        byChannel[channel] = 0;
      }
    }
  }

  private static boolean contains(int[] values, int count, int value) {
    for (int i = 0; i < count; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }

  /**
   * The credits of one journey under {@code model}: each conversion credited from the touches at or before it.
   * Attributed values are exact to the scale of the journey's value (at least cents) and, for additive models, add
   * up to the credited value exactly: each conversion time's value is split with the rounding remainders given to the
   * largest fractions.
   */
  public static JourneyCredits credit(FittedModel model, Journey journey) {
    return creditAll(model, List.of(journey)).get(0);
  }

  /**
   * The credits of many journeys under {@code model}, as {@link #credit} gives them one by one, computed on one
   * columnar batch: the path for crediting thousands of journeys at once.
   */
  public static List<JourneyCredits> creditAll(FittedModel model, List<Journey> journeys) {
    ChannelDictionary channels = model.channels() != null ? model.channels().copy() : new ChannelDictionary();
    JourneyBatch batch = JourneyBatch.of(journeys, channels);
    double[] shares = new double[Math.max(1, batch.maxLength())];
    List<JourneyCredits> result = new ArrayList<>(journeys.size());
    for (int row = 0; row < journeys.size(); row++) {
      JourneyChannels order = new JourneyChannels(journeys.get(row));
      result.add(batch.singlePath(row) ? creditAtOnce(model, order, batch, row, shares)
          : creditByConversion(model, order, batch, row, shares));
    }
    return result;
  }

  /** A journey's channels in order of first touch, each touch's index among them, and each channel's touch count. */
  private static final class JourneyChannels {
    final Journey journey;
    final List<Channel> order = new ArrayList<>();
    final int[] channelOfTouch;
    final int[] touches;
    final BigDecimal[] costs;

    JourneyChannels(Journey journey) {
      this.journey = journey;
      List<Touchpoint> all = journey.touchpoints();
      channelOfTouch = new int[all.size()];
      for (int i = 0; i < all.size(); i++) {
        Channel channel = all.get(i).channel();
        int index = order.indexOf(channel);
        if (index < 0) {
          order.add(channel);
          index = order.size() - 1;
        }
        channelOfTouch[i] = index;
      }
      touches = new int[order.size()];
      costs = new BigDecimal[order.size()];
      Arrays.fill(costs, BigDecimal.ZERO);
      for (int i = 0; i < channelOfTouch.length; i++) {
        touches[channelOfTouch[i]]++;
        costs[channelOfTouch[i]] = costs[channelOfTouch[i]].add(all.get(i).cost());
      }
    }

    /** The channels' credits from touch shares {@code shares[0 .. touches)}, each at most 1. */
    double[] credits(double[] shares, int touchCount) {
      double[] credits = new double[order.size()];
      for (int i = 0; i < touchCount; i++) {
        credits[channelOfTouch[i]] += shares[i];
      }
      for (int k = 0; k < credits.length; k++) {
        credits[k] = Math.min(1, credits[k]);
      }
      return credits;
    }

    /** How many channels the first {@code touchCount} touches are on: the first of {@link #order}. */
    int channelsWithin(int touchCount) {
      int channels = 0;
      for (int i = 0; i < touchCount; i++) {
        channels = Math.max(channels, channelOfTouch[i] + 1);
      }
      return channels;
    }

    List<Double> touchShares(double[] shares) {
      List<Double> list = new ArrayList<>(channelOfTouch.length);
      for (int i = 0; i < channelOfTouch.length; i++) {
        list.add(shares[i]);
      }
      return list;
    }
  }

  /** The credits of a journey whose conversions are all credited from all its touches. */
  private static JourneyCredits creditAtOnce(FittedModel model, JourneyChannels channels, JourneyBatch batch, int row,
      double[] shares) {
    Journey journey = channels.journey;
    int n = batch.length(row);
    if (n == 0) {
      return new JourneyCredits(journey.id(), model.spec().label(), List.of(), List.of(), model.additive(),
          BigDecimal.ZERO, 0, journey.conversions());
    }
    model.touchShares(batch, row, shares);
    BigDecimal value = journey.conversionValue();
    int conversionCount = journey.conversions().size();
    double[] credits = channels.credits(shares, n);
    BigDecimal[] values = model.additive() ? splitExactly(value, credits) : fullValueEach(value, credits.length);
    List<ChannelCredit> result = new ArrayList<>(credits.length);
    for (int k = 0; k < credits.length; k++) {
      result.add(new ChannelCredit(channels.order.get(k), credits[k], credits[k] * conversionCount, values[k],
          channels.touches[k], channels.costs[k]));
    }
    return new JourneyCredits(journey.id(), model.spec().label(), result, channels.touchShares(shares),
        model.additive(), value, conversionCount, List.of());
  }

  /**
   * The credits of a journey with conversions at several times or touches after its conversion: each conversion
   * time's path is credited on its own and split exactly, the results added up per channel.
   */
  private static JourneyCredits creditByConversion(FittedModel model, JourneyChannels channels, JourneyBatch batch,
      int row, double[] shares) {
    Journey journey = channels.journey;
    int channelCount = channels.order.size();
    double[] touchShares = new double[Math.max(1, batch.length(row))];
    model.touchShares(batch, row, touchShares);
    double[] credits = channels.credits(touchShares, batch.length(row));
    double[] conversions = new double[channelCount];
    BigDecimal[] values = new BigDecimal[channelCount];
    Arrays.fill(values, BigDecimal.ZERO);
    BigDecimal credited = BigDecimal.ZERO;
    int creditedCount = 0;
    List<Conversion> uncredited = new ArrayList<>();
    List<Conversion> all = journey.conversions();
    int next = 0;
    // The batch holds one path per conversion time in time order; the journey's conversions are in the same order.
    for (int p = 0, paths = batch.paths(row); p < paths; p++) {
      List<Conversion> group = new ArrayList<>();
      BigDecimal pathValue = BigDecimal.ZERO;
      while (next < all.size() && all.get(next).timestamp().toEpochMilli() == batch.pathConversionTime(row, p)) {
        group.add(all.get(next));
        pathValue = pathValue.add(all.get(next).revenue());
        next++;
      }
      int length = batch.pathLength(row, p);
      if (length == 0) {
        uncredited.addAll(group);
        continue;
      }
      credited = credited.add(pathValue);
      creditedCount += group.size();
      model.pathShares(batch, row, length, batch.pathConversionTime(row, p), shares);
      double[] pathCredits = Arrays.copyOf(channels.credits(shares, length), channels.channelsWithin(length));
      BigDecimal[] pathValues = model.additive() ? splitExactly(pathValue, pathCredits)
          : fullValueEach(pathValue, pathCredits.length);
      for (int k = 0; k < pathCredits.length; k++) {
        conversions[k] += pathCredits[k] * group.size();
        values[k] = values[k].add(pathValues[k]);
      }
    }
    int scale = Math.max(2, journey.conversionValue().scale());
    List<ChannelCredit> result = new ArrayList<>(channelCount);
    for (int k = 0; k < channelCount; k++) {
      result.add(new ChannelCredit(channels.order.get(k), credits[k], conversions[k], values[k].setScale(scale),
          channels.touches[k], channels.costs[k]));
    }
    return new JourneyCredits(journey.id(), model.spec().label(), result, channels.touchShares(touchShares),
        model.additive(), credited.setScale(scale), creditedCount, uncredited);
  }

  private static BigDecimal[] fullValueEach(BigDecimal value, int count) {
    BigDecimal[] values = new BigDecimal[count];
    Arrays.fill(values, value);
    return values;
  }

  /**
   * Splits {@code total} by {@code fractions} (normalised by their sum) at the total's scale, at least 2, so that the
   * parts sum to it exactly: each part is rounded down and the remaining units go to the largest remainders. This is
   * how {@link #credit} makes attributed values add up to a journey's value to the cent.
   */
  public static BigDecimal[] splitExactly(BigDecimal total, double[] fractions) {
    int scale = Math.max(2, total.scale());
    BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
    BigDecimal[] parts = new BigDecimal[fractions.length];
    BigDecimal[] remainders = new BigDecimal[fractions.length];
    BigDecimal assigned = BigDecimal.ZERO;
    double fractionSum = 0;
    for (double f : fractions) {
      fractionSum += f;
    }
    for (int k = 0; k < fractions.length; k++) {
      BigDecimal exact = total.multiply(new BigDecimal(fractionSum > 0 ? fractions[k] / fractionSum : 0));
      parts[k] = exact.setScale(scale, RoundingMode.FLOOR);
      remainders[k] = exact.subtract(parts[k]);
      assigned = assigned.add(parts[k]);
    }
    int left = total.setScale(scale, RoundingMode.UNNECESSARY).subtract(assigned).divide(unit).intValueExact();
    Integer[] byRemainder = new Integer[fractions.length];
    for (int k = 0; k < byRemainder.length; k++) {
      byRemainder[k] = k;
    }
    Arrays.sort(byRemainder, Comparator.comparing((Integer k) -> remainders[k]).reversed());
    for (int i = 0; i < left && fractions.length > 0; i++) {
      int k = byRemainder[i % fractions.length];
      parts[k] = parts[k].add(unit);
    }
    return parts;
  }
}
