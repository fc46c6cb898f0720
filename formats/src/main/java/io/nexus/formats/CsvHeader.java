package io.nexus.formats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header line of a delimited text file: its delimiter and its column names, as every reader of such files (the
 * command line's and the Spark job's) finds them; immutable and thread-safe.
 *
 * @param delimiter {@code ,}, {@code ;} or a tab, whichever the header holds most of (commas when none)
 * @param names the column names as written, a byte-order mark, surrounding spaces and quotes removed
 */
public record CsvHeader(char delimiter, List<String> names) {
  private static final String BYTE_ORDER_MARK = "\uFEFF";

  public CsvHeader {
    names = List.copyOf(names);
  }

  /** Splits a header line at the delimiter it uses. */
  public static CsvHeader parse(String line) {
    String header = line.startsWith(BYTE_ORDER_MARK) ? line.substring(1) : line;
    char delimiter = delimiterOf(header);
    List<String> names = new ArrayList<>();
    int from = 0;
    for (int i = 0; i <= header.length(); i++) {
      if (i == header.length() || header.charAt(i) == delimiter) {
        names.add(header.substring(from, i).strip().replace("\"", ""));
        from = i + 1;
      }
    }
    return new CsvHeader(delimiter, names);
  }

  /** The delimiter a header line uses: a tab, {@code ;} or {@code ,}, whichever occurs most; {@code ,} on a tie. */
  public static char delimiterOf(String line) {
    int tabs = 0;
    int semicolons = 0;
    int commas = 0;
    for (int i = 0; i < line.length(); i++) {
      switch (line.charAt(i)) {
        case '\t' -> tabs++;
        case ';' -> semicolons++;
        case ',' -> commas++;
        default -> { }
      }
    }
    if (tabs > semicolons && tabs > commas) {
      return '\t';
    }
    return semicolons > commas ? ';' : ',';
  }

  /**
   * Each column's index by its lower-case name.
   *
   * @throws InputException (line 1) when two columns have the same name
   */
  public Map<String, Integer> columns() throws InputException {
    return columns(names, String.valueOf(delimiter));
  }

  /**
   * Each column's index by its lower-case name, for names a CSV parser has already split (surrounding spaces and a
   * byte-order mark are removed here); unnamed columns are left out.
   *
   * @throws InputException (line 1) when two columns have the same name
   */
  public static Map<String, Integer> columns(List<String> names, String delimiter) throws InputException {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).replace(BYTE_ORDER_MARK, "").strip().toLowerCase(Locale.ROOT);
      if (!name.isEmpty() && columns.put(name, i) != null) {
        throw new InputException(1, "header", String.join(delimiter, names), "column " + name + " appears twice");
      }
    }
    return columns;
  }
}
