package io.nexus.server.integration.internal.google;

import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.TableResult;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/** The {@link ExportQuery}'s rows, page by page, as NDJSON: one exported event per line. */
final class QueryRows extends Reader {
  private final Iterator<String> lines;
  private String current = "";
  private int at;

  QueryRows(TableResult first, Progress progress, UnaryOperator<TableResult> next) {
    this.lines = new Iterator<>() {
      private TableResult page = first;
      private Iterator<FieldValueList> rows = started(first);

      private Iterator<FieldValueList> started(TableResult result) {
        progress.pages++;
        return result.getValues().iterator();
      }

      @Override
      public boolean hasNext() {
        while (!rows.hasNext() && page.hasNextPage()) {
          page = next.apply(page);
          rows = started(page);
        }
        return rows.hasNext();
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        FieldValueList row = rows.next();
        progress.rows++;
        FieldValue micros = row.get(0);
        if (!micros.isNull()) {
          try {
            progress.lastMicros = micros.getLongValue();
          } catch (NumberFormatException e) {
            // The reader refuses the row with its reason.
          }
        }
        // The query without intraday tables selects no table.
        if (row.size() > 2 && !row.get(2).isNull()) {
          progress.readFrom(row.get(2).getStringValue());
        }
        FieldValue event = row.get(1);
        // TO_JSON_STRING escapes line breaks, so one event is one line.
        return event.isNull() ? "null" : event.getStringValue().replace('\n', ' ');
      }
    };
  }

  @Override
  public int read(char[] buffer, int offset, int length) {
    if (at == current.length()) {
      if (!lines.hasNext()) {
        return -1;
      }
      current = lines.next() + "\n";
      at = 0;
    }
    int n = Math.min(length, current.length() - at);
    current.getChars(at, at + n, buffer, offset);
    at += n;
    return n;
  }

  @Override
  public void close() {}

  /** How far the rows were read (said when the import stops), and the days each kind of table gave. */
  static final class Progress {
    private long rows;
    private long pages;
    private Long lastMicros;
    private final SortedSet<LocalDate> intraday = new TreeSet<>();
    private final SortedSet<LocalDate> daily = new TreeSet<>();

    /** The days read from intraday tables alone, in order: a day whose daily table gave rows too is final. */
    List<LocalDate> intradayDays() {
      return intraday.stream().filter(day -> !daily.contains(day)).toList();
    }

    String where() {
      if (pages == 0) {
        return "";
      }
      String upTo = lastMicros == null ? "" : ", events up to " + Instant.EPOCH.plusNanos(lastMicros * 1000L);
      return "stopped after " + rows + " rows on " + pages + (pages == 1 ? " page" : " pages") + upTo + ": ";
    }

    private void readFrom(String tableSuffix) {
      LocalDate intradayDay = ExportQuery.intradayDay(tableSuffix);
      if (intradayDay != null) {
        intraday.add(intradayDay);
      }
      LocalDate dailyDay = ExportQuery.dailyDay(tableSuffix);
      if (dailyDay != null) {
        daily.add(dailyDay);
      }
    }
  }
}
