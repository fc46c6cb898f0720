package io.nexus.engine;

import io.nexus.engine.ChannelTotals.ChannelTotal;
import io.nexus.engine.batch.JourneyBatch;
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
     */
    void accept(int row, int channel, double credit);
  }

  /**
   * Fits every model on {@code batch} and totals it over the same batch, models in parallel. Totals are what the
   * model defines for its training data (Markov: total conversions split by removal effect) or else the sum of the
   * journey credits.
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
      ChannelTotals defined = fit.trainingTotals();
      return new ModelRun(model, fit, defined != null ? complete(defined, batch, fit) : totals(fit, batch));
    }).toList();
  }

  /** The sum of the journey credits of {@code model} over {@code batch}, per channel on the batch. */
  public static ChannelTotals totals(FittedModel model, JourneyBatch batch) {
    int channelCount = batch.channels().size();
    // Compensated (Neumaier) sums: a million small credits add up to what a decimal SQL SUM would say.
    double[] conversions = new double[channelCount];
    double[] conversionsError = new double[channelCount];
    double[] values = new double[channelCount];
    double[] valuesError = new double[channelCount];
    boolean[] present = new boolean[channelCount];
    double[] shares = new double[Math.max(1, batch.maxLength())];
    for (int row = 0, n = batch.size(); row < n; row++) {
      int from = batch.start(row);
      int length = batch.length(row);
      for (int i = 0; i < length; i++) {
        present[batch.channel(from + i)] = true;
      }
      double rowConversions = batch.conversions(row);
      double rowValue = batch.value(row);
      if (length == 0 || (rowConversions == 0 && rowValue == 0)) {
        continue;
      }
      model.touchShares(batch, row, shares);
      for (int i = 0; i < length; i++) {
        int channel = batch.channel(from + i);
        addCompensated(conversions, conversionsError, channel, shares[i] * rowConversions);
        addCompensated(values, valuesError, channel, shares[i] * rowValue);
      }
    }
    List<ChannelTotal> totals = new ArrayList<>();
    for (int c : sortedPresent(batch.channels(), present)) {
      totals.add(new ChannelTotal(batch.channels().name(c), conversions[c] + conversionsError[c],
          values[c] + valuesError[c]));
    }
    return new ChannelTotals(model.spec().label(), totals, model.notes());
  }

  private static void addCompensated(double[] sums, double[] errors, int i, double x) {
    double sum = sums[i];
    double t = sum + x;
    errors[i] += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
    sums[i] = t;
  }

  /**
   * Calls {@code consumer} once per channel on each row of {@code batch} that converted, with the channel's credit
   * under {@code model}; allocates nothing per row.
   */
  public static void forEachCredit(FittedModel model, JourneyBatch batch, CreditConsumer consumer) {
    double[] shares = new double[Math.max(1, batch.maxLength())];
    double[] byChannel = new double[batch.channels().size()];
    int[] touched = new int[Math.max(1, batch.maxLength())];
    for (int row = 0, n = batch.size(); row < n; row++) {
      int from = batch.start(row);
      int length = batch.length(row);
      if (length == 0 || batch.conversions(row) == 0) {
        continue;
      }
      model.touchShares(batch, row, shares);
      int distinct = 0;
      for (int i = 0; i < length; i++) {
        int channel = batch.channel(from + i);
        if (channel >= byChannel.length) {
          byChannel = Arrays.copyOf(byChannel, batch.channels().size());
        }
        if (byChannel[channel] == 0 && !contains(touched, distinct, channel)) {
          touched[distinct++] = channel;
        }
        byChannel[channel] += shares[i];
      }
      for (int k = 0; k < distinct; k++) {
        int channel = touched[k];
        consumer.accept(row, channel, byChannel[channel]);
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
   * The credits of one journey under {@code model}. Attributed values are exact to the scale of the journey's value
   * (at least cents) and, for additive models, add up to it exactly: rounding remainders go to the largest fractions.
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
      Journey journey = journeys.get(row);
      int n = batch.length(row);
      if (n > 0) {
        model.touchShares(batch, row, shares);
      }
      result.add(credits(model, journey, shares, n));
    }
    return result;
  }

  private static JourneyCredits credits(FittedModel model, Journey journey, double[] shares, int n) {
    List<String> order = new ArrayList<>();
    List<double[]> creditAndTouches = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String channel = journey.touchpoints().get(i).channel();
      int index = order.indexOf(channel);
      if (index < 0) {
        order.add(channel);
        creditAndTouches.add(new double[2]);
        index = order.size() - 1;
      }
      creditAndTouches.get(index)[0] += shares[i];
      creditAndTouches.get(index)[1]++;
    }
    BigDecimal value = journey.conversionValue();
    int conversionCount = journey.conversions().size();
    double[] credits = new double[order.size()];
    for (int k = 0; k < credits.length; k++) {
      credits[k] = Math.min(1, creditAndTouches.get(k)[0]);
    }
    BigDecimal[] values = model.additive() ? splitExactly(value, credits) : fullValueEach(value, credits.length);
    List<ChannelCredit> result = new ArrayList<>(credits.length);
    for (int k = 0; k < credits.length; k++) {
      result.add(new ChannelCredit(order.get(k), credits[k], credits[k] * conversionCount, values[k],
          (int) creditAndTouches.get(k)[1]));
    }
    List<Double> touchShares = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      touchShares.add(shares[i]);
    }
    return new JourneyCredits(journey.id(), model.spec().label(), result, touchShares, model.additive(), value);
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

  /** Adds zero rows for channels on the batch that the model's own totals do not name. */
  private static ChannelTotals complete(ChannelTotals defined, JourneyBatch batch, FittedModel fit) {
    boolean[] present = new boolean[batch.channels().size()];
    for (int t = 0, n = batch.touchCount(); t < n; t++) {
      present[batch.channel(t)] = true;
    }
    List<ChannelTotal> totals = new ArrayList<>();
    for (int c : sortedPresent(batch.channels(), present)) {
      String name = batch.channels().name(c);
      ChannelTotal total = defined.get(name);
      totals.add(total != null ? total : new ChannelTotal(name, 0, 0));
    }
    List<String> notes = new ArrayList<>(defined.notes());
    notes.addAll(fit.notes());
    return new ChannelTotals(defined.model(), totals, notes);
  }

  private static List<Integer> sortedPresent(ChannelDictionary channels, boolean[] present) {
    List<Integer> ids = new ArrayList<>();
    for (int c = 0; c < present.length; c++) {
      if (present[c]) {
        ids.add(c);
      }
    }
    ids.sort(Comparator.comparing(channels::name));
    return ids;
  }
}
