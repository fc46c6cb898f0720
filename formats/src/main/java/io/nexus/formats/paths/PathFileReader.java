package io.nexus.formats.paths;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.JourneyBatch;
import io.nexus.formats.CsvHeader;
import io.nexus.formats.InputException;
import io.nexus.formats.InputFile;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipException;

/**
 * Reads ChannelAttribution's path format into a batch: a header naming {@code path}, {@code total_conversions} and
 * optionally {@code total_conversion_value} and {@code total_null}, in any order, delimited by {@code ,}, {@code ;}
 * or a tab (whichever the header uses), channels in {@code path} joined by a separator ({@code >} by default) with
 * optional spaces around it. Not thread-safe.
 *
 * <p>This is the command line's hot path, so it works on bytes: no String per field, channel names decoded once.
 * Fields may be quoted with {@code "}, {@code ""} inside quotes is a quote, and a quoted field may hold line breaks.
 * Text must be UTF-8; a row may not have more fields than the header.
 */
public final class PathFileReader {
  public static final String EXPECTED_HEADER = "path,total_conversions[,total_conversion_value][,total_null]";
  private static final String PATH = "path";
  private static final String CONVERSIONS = "total_conversions";
  private static final String VALUE = "total_conversion_value";
  private static final String NULLS = "total_null";
  /** The longest row a quoted field may stretch over several lines to, so an unclosed quote cannot eat a file. */
  private static final int MAX_ROW_BYTES = 1 << 20;
  private static final double[] POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
      1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

  private final byte[] separator;
  private final ChannelInterner channels;
  private final JourneyBatch.Builder builder;

  private InputStream in;
  private byte[] buffer = new byte[1 << 20];
  private int position;
  private int limit;
  private boolean eof;
  private int lineStart;
  private int lineEnd;
  private long lineNumber;
  // Lines a row took beyond its first, because a quoted field held line breaks; counted when the next row starts.
  private long continuationLines;

  private byte delimiter;
  private int pathColumn = -1;
  private int conversionsColumn = -1;
  private int valueColumn = -1;
  private int nullsColumn = -1;
  private int headerColumns;
  private int columnsNeeded;
  private int[] fieldStart;
  private int[] fieldEnd;
  private int[] path = new int[64];

  private PathFileReader(String pathSeparator, ChannelDictionary dictionary, long bytes) {
    String sep = pathSeparator.isBlank() ? pathSeparator : pathSeparator.strip();
    if (sep.isEmpty()) {
      throw new IllegalArgumentException("path separator must not be empty");
    }
    this.separator = sep.getBytes(StandardCharsets.UTF_8);
    this.channels = new ChannelInterner(dictionary);
    // Sized from the byte count (a generated row is about 30 bytes, a touch about 10) so columns rarely grow.
    this.builder = JourneyBatch.builder(dictionary, (int) Math.min(Integer.MAX_VALUE - 8, bytes / 24 + 1024),
        (int) Math.min(Integer.MAX_VALUE - 8, bytes / 9 + 1024));
  }

  /**
   * Reads {@code input} whole.
   *
   * @param pathSeparator what joins channels in {@code path}, usually {@code >}
   * @param dictionary where channel ids come from, in order of first appearance in the file
   * @throws InputException naming the line, column and reason of the first row that cannot be read, or when the
   *     file has no header or no rows
   */
  public static JourneyBatch read(InputFile input, String pathSeparator, ChannelDictionary dictionary)
      throws IOException, InputException {
    // One thread on purpose: reading in parallel chunks measured slower on two cores, cold or warm, because the
    // chunks must be merged and the threads compete with the JIT compiler that makes this loop fast.
    return new PathFileReader(pathSeparator, dictionary, input.sizeHint()).readAll(input.stream());
  }

  /** Reads {@code in} whole, uncompressed. */
  public static JourneyBatch read(InputStream in, String pathSeparator, ChannelDictionary dictionary)
      throws IOException, InputException {
    return new PathFileReader(pathSeparator, dictionary, 1 << 20).readAll(in);
  }

  private JourneyBatch readAll(InputStream stream) throws IOException, InputException {
    this.in = stream;
    if (!nextLine()) {
      throw new InputException(1, "empty input: expected a header " + EXPECTED_HEADER);
    }
    readHeader();
    while (nextLine()) {
      if (!isBlank()) {
        readRow();
      }
    }
    JourneyBatch batch = builder.build();
    if (batch.size() == 0) {
      throw new InputException(lineNumber + 1, "empty input: the file has a header but no rows");
    }
    return batch;
  }

  private boolean nextLine() throws IOException, InputException {
    while (true) {
      for (int i = position; i < limit; i++) {
        if (buffer[i] == '\n') {
          setLine(position, i);
          position = i + 1;
          return true;
        }
      }
      if (eof) {
        if (position < limit) {
          setLine(position, limit);
          position = limit;
          return true;
        }
        return false;
      }
      fill(position);
    }
  }

  private void setLine(int start, int end) {
    lineStart = start;
    lineEnd = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
    lineNumber += 1 + continuationLines;
    continuationLines = 0;
  }

  /**
   * Takes the next line into the current one, line break included, for a quoted field that holds one.
   *
   * @return false at the end of the input
   */
  private boolean continueLine() throws IOException, InputException {
    while (true) {
      for (int i = position; i < limit; i++) {
        if (buffer[i] == '\n') {
          lineEnd = i > lineStart && buffer[i - 1] == '\r' ? i - 1 : i;
          position = i + 1;
          continuationLines++;
          return true;
        }
      }
      if (eof) {
        if (position < limit) {
          lineEnd = limit;
          position = limit;
          continuationLines++;
          return true;
        }
        return false;
      }
      fill(lineStart);
    }
  }

  /** Reads more input, keeping the bytes from {@code keep} on (moved to the start of the buffer). */
  private void fill(int keep) throws IOException, InputException {
    int pending = limit - keep;
    if (keep > 0) {
      System.arraycopy(buffer, keep, buffer, 0, pending);
      position -= keep;
      lineStart -= keep;
      lineEnd -= keep;
      limit = pending;
      if (fieldStart != null) {
        for (int f = 0; f < fieldStart.length; f++) {
          fieldStart[f] -= keep;
          fieldEnd[f] -= keep;
        }
      }
    }
    if (limit == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int n;
    try {
      n = in.read(buffer, limit, buffer.length - limit);
    } catch (ZipException | EOFException e) {
      throw new InputException(lineNumber + 1, "not readable as gzip: " + e.getMessage());
    }
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  private boolean isBlank() {
    for (int i = lineStart; i < lineEnd; i++) {
      if (buffer[i] != ' ' && buffer[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  private void readHeader() throws InputException {
    String line;
    try {
      line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buffer, lineStart, lineEnd - lineStart)).toString();
    } catch (CharacterCodingException e) {
      throw new InputException(1, "header", text(lineStart, lineEnd), notUtf8());
    }
    CsvHeader header = CsvHeader.parse(line);
    delimiter = (byte) header.delimiter();
    Map<String, Integer> columns = header.columns();
    pathColumn = columns.getOrDefault(PATH, -1);
    conversionsColumn = columns.getOrDefault(CONVERSIONS, -1);
    valueColumn = columns.getOrDefault(VALUE, -1);
    nullsColumn = columns.getOrDefault(NULLS, -1);
    if (pathColumn < 0 || conversionsColumn < 0) {
      throw new InputException(1, "header", String.join(String.valueOf(header.delimiter()), header.names()),
          "missing column " + (pathColumn < 0 ? PATH : CONVERSIONS) + ", expected " + EXPECTED_HEADER);
    }
    headerColumns = header.names().size();
    columnsNeeded = Math.max(Math.max(pathColumn, conversionsColumn), Math.max(valueColumn, nullsColumn)) + 1;
    fieldStart = new int[columnsNeeded];
    fieldEnd = new int[columnsNeeded];
  }

  private static String notUtf8() {
    return "not UTF-8 text; save the file as UTF-8";
  }

  private void readRow() throws IOException, InputException {
    splitFields();
    addFields();
  }

  private void addFields() throws InputException {
    int pathLength = readPath();
    double conversions = number(CONVERSIONS, conversionsColumn);
    double value = valueColumn >= 0 ? number(VALUE, valueColumn) : 0;
    double nulls = nullsColumn >= 0 ? number(NULLS, nullsColumn) : 0;
    builder.addPath(path, 0, pathLength, conversions, value, nulls);
  }

  /**
   * Reads rows whose fields a caller has already split and unquoted (a cluster's CSV or Parquet reader) into one batch,
   * each under exactly the rules of a file's rows; not thread-safe.
   */
  public static final class FieldReader {
    private final PathFileReader reader;

    /**
     * @param pathSeparator what joins channels in a path, usually {@code >}
     * @param dictionary where channel ids come from, in order of first appearance
     * @param hasValue whether rows have a {@code total_conversion_value}
     * @param hasNulls whether rows have a {@code total_null}
     */
    public FieldReader(String pathSeparator, ChannelDictionary dictionary, boolean hasValue, boolean hasNulls) {
      reader = new PathFileReader(pathSeparator, dictionary, 0);
      reader.pathColumn = 0;
      reader.conversionsColumn = 1;
      reader.valueColumn = hasValue ? 2 : -1;
      reader.nullsColumn = hasNulls ? 3 : -1;
      reader.columnsNeeded = 4;
      reader.fieldStart = new int[4];
      reader.fieldEnd = new int[4];
    }

    /**
     * Adds one row; a row that cannot be read adds nothing. {@code null} reads as an empty field; {@code value} and
     * {@code nulls} are ignored when the layout has no such column.
     *
     * @param line the row's line (or any position the caller can show) for messages
     * @throws InputException naming the column, value and reason when the row cannot be read
     */
    public void add(String path, String conversions, String value, String nulls, long line) throws InputException {
      reader.lineNumber = line;
      int at = reader.put(0, path, 0);
      at = reader.put(1, conversions, at);
      at = reader.put(2, value, at);
      reader.put(3, nulls, at);
      reader.addFields();
    }

    /** The number of rows added. */
    public int size() {
      return reader.builder.size();
    }

    /** The batch of every row added; the reader is spent. */
    public JourneyBatch build() {
      return reader.builder.build();
    }
  }

  /** Stores {@code text} as field {@code field} at {@code at} in the buffer, returning where the next field goes. */
  private int put(int field, String text, int at) {
    byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    if (at + bytes.length > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, at + bytes.length));
    }
    System.arraycopy(bytes, 0, buffer, at, bytes.length);
    fieldStart[field] = at;
    fieldEnd[field] = at + bytes.length;
    return at + bytes.length;
  }

  private void splitFields() throws IOException, InputException {
    int field = 0;
    int i = lineStart;
    boolean endOfLine = false;
    while (field < columnsNeeded) {
      i = field(i, field);
      field++;
      if (i >= lineEnd) {
        endOfLine = true;
        break;
      }
      i++;
    }
    if (field < columnsNeeded) {
      throw new InputException(lineNumber, columnName(field), "",
          "missing value: the row has " + field + " columns, the header needs " + columnsNeeded);
    }
    // Past the last column read, any delimiter starts one more field: never one beyond the header's.
    while (!endOfLine && field < headerColumns) {
      i = field(i, field);
      field++;
      if (i >= lineEnd) {
        endOfLine = true;
      } else {
        i++;
      }
    }
    if (!endOfLine) {
      throw new InputException(lineNumber, "the row has more fields than the header's " + headerColumns + " columns");
    }
  }

  /**
   * Reads the field that starts at {@code i}, unquoted, into {@link #fieldStart} and {@link #fieldEnd} when it is one
   * of the columns read; returns where it ends, at the delimiter after it or the end of the line.
   */
  private int field(int i, int field) throws IOException, InputException {
    int start = i;
    int end;
    if (i < lineEnd && buffer[i] == '"') {
      // The line moves in the buffer if the quoted field holds line breaks; fill() moves the fields read before.
      int open = i - lineStart;
      int close = closingQuote(open, field);
      start = lineStart + open;
      end = unquote(start, close);
      i = close + 1;
      while (i < lineEnd && buffer[i] != delimiter) {
        i++;
      }
    } else {
      while (i < lineEnd && buffer[i] != delimiter) {
        i++;
      }
      end = i;
    }
    if (field < columnsNeeded) {
      fieldStart[field] = start;
      fieldEnd[field] = end;
    }
    return i;
  }

  /**
   * The index in the buffer of the quote that closes the field opened {@code open} bytes into the line, taking the
   * following lines into the row while the field holds line breaks.
   *
   * @throws InputException when the quote is never closed
   */
  private int closingQuote(int open, int field) throws IOException, InputException {
    int from = lineStart + open + 1;
    while (true) {
      for (int i = from; i < lineEnd; i++) {
        if (buffer[i] == '"') {
          if (i + 1 < lineEnd && buffer[i + 1] == '"') {
            i++;
          } else {
            return i;
          }
        }
      }
      // A quote pair may straddle the line break only as "" split by it, which cannot happen: rescan from the break.
      int scanned = lineEnd - lineStart;
      if (scanned > MAX_ROW_BYTES || !continueLine()) {
        throw new InputException(lineNumber, columnName(field), text(lineStart + open, lineEnd), "unterminated quote");
      }
      from = lineStart + scanned;
    }
  }

  /** Unquotes {@code buffer(open..close)} to start at {@code open}, returning where it ends. */
  private int unquote(int open, int close) {
    int write = open;
    for (int read = open + 1; read < close; read++) {
      byte b = buffer[read];
      buffer[write++] = b;
      if (b == '"') {
        read++;
      }
    }
    return write;
  }

  private String columnName(int field) {
    if (field == pathColumn) {
      return PATH;
    }
    if (field == conversionsColumn) {
      return CONVERSIONS;
    }
    if (field == valueColumn) {
      return VALUE;
    }
    if (field == nullsColumn) {
      return NULLS;
    }
    return "column " + (field + 1);
  }

  private int readPath() throws InputException {
    int start = fieldStart[pathColumn];
    int end = fieldEnd[pathColumn];
    int n = 0;
    int tokenStart = start;
    int i = start;
    while (i <= end) {
      boolean atSeparator = i < end && matchesSeparator(i, end);
      if (i == end || atSeparator) {
        int a = tokenStart;
        int b = i;
        while (a < b && isSpace(buffer[a])) {
          a++;
        }
        while (b > a && isSpace(buffer[b - 1])) {
          b--;
        }
        if (a == b) {
          if (n == 0 && i == end) {
            throw new InputException(lineNumber, PATH, text(start, end), "empty path");
          }
          throw new InputException(lineNumber, PATH, text(start, end), "empty channel name at position " + (n + 1));
        }
        if (n == path.length) {
          path = Arrays.copyOf(path, n * 2);
        }
        try {
          path[n++] = channels.idOf(buffer, a, b);
        } catch (CharacterCodingException e) {
          throw new InputException(lineNumber, PATH, text(start, end), notUtf8());
        }
        if (i == end) {
          break;
        }
        i += separator.length;
        tokenStart = i;
      } else {
        i++;
      }
    }
    return n;
  }

  /** Spaces, tabs and the line breaks a quoted path may hold around its separators. */
  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  private boolean matchesSeparator(int i, int end) {
    if (buffer[i] != separator[0] || i + separator.length > end) {
      return false;
    }
    for (int k = 1; k < separator.length; k++) {
      if (buffer[i + k] != separator[k]) {
        return false;
      }
    }
    return true;
  }

  private double number(String column, int field) throws InputException {
    int a = fieldStart[field];
    int b = fieldEnd[field];
    while (a < b && buffer[a] == ' ') {
      a++;
    }
    while (b > a && buffer[b - 1] == ' ') {
      b--;
    }
    if (a == b) {
      throw new InputException(lineNumber, column, "", "missing value");
    }
    double value = fastDecimal(a, b);
    if (Double.isNaN(value)) {
      String raw = text(a, b);
      try {
        value = Double.parseDouble(raw);
      } catch (NumberFormatException e) {
        throw new InputException(lineNumber, column, raw, "not a number");
      }
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new InputException(lineNumber, column, raw, "not a finite number");
      }
    }
    if (value < 0) {
      throw new InputException(lineNumber, column, text(a, b), "must not be negative");
    }
    return value;
  }

  /** Digits with an optional fraction, correctly rounded; NaN when the text needs the general parser. */
  private double fastDecimal(int a, int b) {
    long mantissa = 0;
    int digits = 0;
    int fraction = -1;
    for (int i = a; i < b; i++) {
      byte c = buffer[i];
      if (c >= '0' && c <= '9') {
        mantissa = mantissa * 10 + (c - '0');
        if (++digits > 15) {
          return Double.NaN;
        }
        if (fraction >= 0) {
          fraction++;
        }
      } else if (c == '.' && fraction < 0) {
        fraction = 0;
      } else {
        return Double.NaN;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    // Both operands are exact doubles (mantissa < 2^53, power <= 1e22), so one division rounds correctly.
    return fraction > 0 ? mantissa / POWERS[fraction] : mantissa;
  }

  private String text(int a, int b) {
    return new String(buffer, a, b - a, StandardCharsets.UTF_8);
  }
}
