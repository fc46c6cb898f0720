package io.nexus.spark;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * Where an input row's cells are: for each column the layout reads (the touchpoint columns or the path columns, in
 * their documented order) its position among the row's data cells, -1 when absent; immutable and thread-safe.
 */
final class RowLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  final boolean paths;
  final int[] index;
  final int dataColumns;
  final char delimiter;
  final boolean hasSource;
  /** Whether the rows are GA4 export events, read by {@link Ga4Rows} rather than by cell. */
  final boolean ga4;

  RowLayout(boolean paths, int[] index, int dataColumns, char delimiter, boolean hasSource) {
    this(paths, index, dataColumns, delimiter, hasSource, false);
  }

  private RowLayout(boolean paths, int[] index, int dataColumns, char delimiter, boolean hasSource, boolean ga4) {
    this.ga4 = ga4;
    this.paths = paths;
    this.index = index.clone();
    this.dataColumns = dataColumns;
    this.delimiter = delimiter;
    this.hasSource = hasSource;
  }

  /** The layout of GA4 export events. */
  static RowLayout ga4() {
    return new RowLayout(false, new int[0], 0, ',', false, true);
  }

  String layoutName() {
    return ga4 ? "ga4-export" : paths ? "paths" : "touchpoints";
  }

  /** Cell {@code k} of the layout's columns in {@code row}, stripped; empty when absent or null. */
  String cell(Row row, int k) {
    int i = index[k];
    if (i < 0) {
      return "";
    }
    Object value = row.get(i);
    return value == null ? "" : value.toString().strip();
  }

  /** The row's data cells as one line of text, quoted where needed, to show a rejected row as it was. */
  String record(Row row) {
    String corrupt = row.getString(dataColumns);
    if (corrupt != null) {
      return corrupt;
    }
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < dataColumns; i++) {
      if (i > 0) {
        line.append(delimiter);
      }
      Object value = row.get(i);
      String text = value == null ? "" : value.toString();
      if (text.indexOf(delimiter) >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
          || text.indexOf('\r') >= 0) {
        line.append('"').append(text.replace("\"", "\"\"")).append('"');
      } else {
        line.append(text);
      }
    }
    return line.toString();
  }

  /** The file a row came from. */
  String file(Row row) {
    return row.getString(dataColumns + 1);
  }
}
