package io.nexus.cli;

import io.nexus.engine.Attribution;
import io.nexus.engine.Attribution.ModelRun;
import io.nexus.engine.ChannelTotals.ChannelTotal;
import io.nexus.engine.JourneyId;
import io.nexus.engine.batch.JourneyBatch;
import io.nexus.engine.batch.Numbers;
import io.nexus.engine.markov.MarkovFit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV files {@code nexus attribute} writes, also the contract of other entry points' outputs; numbers in plain
 * notation with every digit of the double. Stateless and thread-safe.
 */
public final class ResultFiles {
  /** The header of the channel totals. */
  public static final String TOTALS_HEADER = "model,channel,attributed_conversions,attributed_value";
  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private ResultFiles() {}

  /** Writes {@link #TOTALS_HEADER} and one row per model (labelled by {@code labels}, in order) and channel. */
  public static void writeTotals(Writer out, List<String> labels, List<ModelRun> runs) throws IOException {
    CSVPrinter csv = new CSVPrinter(out, CSV);
    csv.printRecord((Object[]) TOTALS_HEADER.split(","));
    for (int m = 0; m < runs.size(); m++) {
      for (ChannelTotal total : runs.get(m).totals().channels()) {
        csv.printRecord(labels.get(m), total.channel().name(), Numbers.plain(total.conversions()),
            Numbers.plain(total.value()));
      }
    }
    csv.flush();
  }

  /** Writes {@code channel,removal_effect,removal_effect_value}, one row per channel. */
  public static void writeRemovalEffects(Writer out, MarkovFit markov) throws IOException {
    CSVPrinter csv = new CSVPrinter(out, CSV);
    csv.printRecord("channel", "removal_effect", "removal_effect_value");
    for (MarkovFit.RemovalEffect effect : markov.removalEffects()) {
      csv.printRecord(effect.channel().name(), Numbers.plain(effect.conversion()), Numbers.plain(effect.value()));
    }
    csv.flush();
  }

  /** Writes {@code from,to,probability}, one row per transition of the chain. */
  public static void writeTransitions(Writer out, MarkovFit markov) throws IOException {
    CSVPrinter csv = new CSVPrinter(out, CSV);
    csv.printRecord("from", "to", "probability");
    for (MarkovFit.Transition t : markov.transitions()) {
      csv.printRecord(t.from(), t.to(), Numbers.plain(t.probability()));
    }
    csv.flush();
  }

  static void writeJourneyCredits(Writer out, List<String> labels, List<ModelRun> runs, JourneyBatch batch)
      throws IOException {
    CSVPrinter csv = new CSVPrinter(out, CSV);
    csv.printRecord("journey_id", "model", "channel", "credit", "attributed_conversions", "attributed_value");
    for (int m = 0; m < runs.size(); m++) {
      String label = labels.get(m);
      try {
        Attribution.forEachCredit(runs.get(m).fit(), batch, (row, channel, credit, conversions, value) -> {
          try {
            // Journeys of touchpoint files are user#n; rows of path files are numbered from 1.
            JourneyId id = batch.journeyId(row) != null ? batch.journeyId(row) : JourneyId.of(row + 1);
            csv.printRecord(id, label, batch.channels().name(channel), Numbers.plain(credit),
                Numbers.plain(conversions), Numbers.plain(value));
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
