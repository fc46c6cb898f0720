package io.nexus.formats;

import io.nexus.engine.Attribution;
import io.nexus.engine.Attribution.ModelRun;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.ChannelTotals.ChannelTotal;
import io.nexus.engine.JourneyId;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.DecimalText;
import io.nexus.engine.markov.MarkovFit;
import io.nexus.engine.uncertainty.ChannelInterval;
import io.nexus.engine.uncertainty.ModelIntervals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV files {@code nexus attribute} writes, also the contract of other entry points' outputs. Numbers are written
 * in plain notation with every digit of the double (read back, they are the same double), or rounded to a number of
 * decimals for people who paste them into a sheet. Immutable and thread-safe.
 */
public final class ResultFiles {
  /** The header of the channel totals. */
  public static final String TOTALS_HEADER = "model,channel,attributed_conversions,attributed_value";
  /** The columns {@link #writeTotals(Writer, List, List, List)} adds after {@link #TOTALS_HEADER}. */
  public static final String INTERVAL_COLUMNS = "attributed_value_low,attributed_value_high,"
      + "attributed_conversions_low,attributed_conversions_high,rank_change_share";
  /** The most decimals {@link #rounded} accepts: more than a double holds. */
  public static final int MAX_DECIMALS = 17;
  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
  private static final ResultFiles EXACT = new ResultFiles(-1);

  private final int decimals;

  private ResultFiles(int decimals) {
    this.decimals = decimals;
  }

  /** Numbers with every digit of the double. */
  public static ResultFiles exact() {
    return EXACT;
  }

  /**
   * Numbers rounded half up to {@code decimals} decimals, trailing zeros left out: {@code 4378.52} for
   * {@code 4378.5199999999995} with 2.
   *
   * @throws IllegalArgumentException unless {@code decimals} is between 0 and {@link #MAX_DECIMALS}
   */
  public static ResultFiles rounded(int decimals) {
    if (decimals < 0 || decimals > MAX_DECIMALS) {
      throw new IllegalArgumentException("decimals must be between 0 and " + MAX_DECIMALS + ": " + decimals);
    }
    return new ResultFiles(decimals);
  }

  /** {@code d} as these files write it. */
  public String number(double d) {
    if (decimals < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
      return DecimalText.plain(d);
    }
    BigDecimal rounded = new BigDecimal(Double.toString(d)).setScale(decimals, RoundingMode.HALF_UP);
    return rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
  }

  /** Writes {@link #TOTALS_HEADER} and one row per model (labelled by {@code labels}, in order) and channel. */
  public void writeTotals(Writer out, List<String> labels, List<ModelRun> runs) throws IOException {
    CSVPrinter csv = new CSVPrinter(out, CSV);
    csv.printRecord((Object[]) TOTALS_HEADER.split(","));
    for (int m = 0; m < runs.size(); m++) {
      for (ChannelTotal total : runs.get(m).totals().channels()) {
        csv.printRecord(labels.get(m), total.channel().name(), number(total.conversions()), number(total.value()));
      }
    }
    csv.flush();
  }

  /**
   * Writes {@link #TOTALS_HEADER} and {@link #INTERVAL_COLUMNS}, one row per model and channel: each model's totals
   * with its bootstrap intervals ({@code intervals} in the order of {@code runs}).
   */
  public void writeTotals(Writer out, List<String> labels, List<ModelRun> runs, List<ModelIntervals> intervals)
      throws IOException {
    CSVPrinter csv = new CSVPrinter(out, CSV);
    csv.printRecord((Object[]) (TOTALS_HEADER + "," + INTERVAL_COLUMNS).split(","));
    for (int m = 0; m < runs.size(); m++) {
      ModelIntervals model = intervals.get(m);
      for (ChannelTotal total : runs.get(m).totals().channels()) {
        ChannelInterval interval = model.get(total.channel());
        csv.printRecord(labels.get(m), total.channel().name(), number(total.conversions()), number(total.value()),
            number(interval.valueInterval().low()), number(interval.valueInterval().high()),
            number(interval.conversionsInterval().low()), number(interval.conversionsInterval().high()),
            number(interval.rankChangeShare()));
      }
    }
    csv.flush();
  }

  /**
   * Writes {@code channel,removal_effect,removal_effect_value,chain_conversions,chain_value}, one row per channel; the
   * chain columns are ChannelAttribution's whole-chain totals ({@code markov_model}'s), for comparison with it.
   */
  public void writeRemovalEffects(Writer out, MarkovFit markov) throws IOException {
    CSVPrinter csv = new CSVPrinter(out, CSV);
    csv.printRecord("channel", "removal_effect", "removal_effect_value", "chain_conversions", "chain_value");
    ChannelTotals chain = markov.chainTotals();
    for (MarkovFit.RemovalEffect effect : markov.removalEffects()) {
      String name = effect.channel().name();
      csv.printRecord(name, number(effect.conversion()), number(effect.value()), number(chain.conversions(name)),
          number(chain.value(name)));
    }
    csv.flush();
  }

  /** Writes {@code from,to,probability}, one row per transition of the chain. */
  public void writeTransitions(Writer out, MarkovFit markov) throws IOException {
    CSVPrinter csv = new CSVPrinter(out, CSV);
    csv.printRecord("from", "to", "probability");
    for (MarkovFit.Transition t : markov.transitions()) {
      csv.printRecord(t.from(), t.to(), number(t.probability()));
    }
    csv.flush();
  }

  /**
   * Writes {@code journey_id,model,channel,credit,attributed_conversions,attributed_value}, one row per converting
   * journey (or path row), model and channel on it. Journeys of touchpoint files are {@code user#n}; rows of path
   * files are numbered from 1.
   */
  public void writeJourneyCredits(Writer out, List<String> labels, List<ModelRun> runs, JourneyBatch batch)
      throws IOException {
    CSVPrinter csv = new CSVPrinter(out, CSV);
    csv.printRecord("journey_id", "model", "channel", "credit", "attributed_conversions", "attributed_value");
    for (int m = 0; m < runs.size(); m++) {
      String label = labels.get(m);
      try {
        Attribution.forEachCredit(runs.get(m).fit(), batch, (row, channel, credit, conversions, value) -> {
          try {
            JourneyId id = batch.journeyId(row) != null ? batch.journeyId(row) : JourneyId.of(row + 1);
            csv.printRecord(id, label, batch.channels().name(channel), number(credit), number(conversions),
                number(value));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    csv.flush();
  }
}
