package io.nexus.formats.touchpoints;

import io.nexus.engine.journey.UserEvent;
import io.nexus.formats.CsvHeader;
import io.nexus.formats.InputException;
import io.nexus.formats.InputFile;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads the touchpoint-level CSV layout, one event per row, into user events for the journey builder; not
 * thread-safe. Columns, in any order (delimiter {@code ,}, {@code ;} or a tab, from the header; text in UTF-8, no row
 * longer than the header):
 *
 * <ul>
 *   <li>{@code user_id} (required) and {@code timestamp} (required: ISO-8601 such as {@code 2025-01-05T10:00:00Z},
 *       an offset date-time, a local date-time read as UTC, or a date);
 *   <li>{@code channel}, or {@code source}/{@code medium}/{@code campaign} for GA4-style channel grouping;
 *   <li>{@code touchpoint_type}, {@code cost}, {@code engagement_score} (0..1), {@code time_spent_seconds},
 *       {@code pages_viewed};
 *   <li>{@code conversion} ({@code 1/0}, {@code true/false}, {@code yes/no}), {@code conversion_type},
 *       {@code revenue}. A row is a conversion when {@code conversion} is true or {@code touchpoint_type} is
 *       {@code conversion}.
 * </ul>
 */
public final class TouchpointFileReader {
  public static final List<String> COLUMNS = List.of("user_id", "timestamp", "channel", "source", "medium",
      "campaign", "touchpoint_type", "cost", "engagement_score", "time_spent_seconds", "pages_viewed", "conversion",
      "conversion_type", "revenue");
  private static final Set<String> TRUE = Set.of("1", "true", "yes", "y", "t");
  private static final Set<String> FALSE = Set.of("0", "false", "no", "n", "f", "");
  private static final int HEADER_LIMIT = 1 << 16;

  private TouchpointFileReader() {}

  /**
   * Reads every event of {@code file}, gzip-compressed or not.
   *
   * @throws InputException naming the line, column and reason of the first row that cannot be read
   */
  public static List<UserEvent> read(Path file) throws IOException, InputException {
    try (InputFile input = InputFile.open(file, InputStream.nullInputStream())) {
      return read(input);
    }
  }

  /**
   * Reads every event of {@code input}.
   *
   * @throws InputException naming the line, column and reason of the first row that cannot be read
   */
  public static List<UserEvent> read(InputFile input) throws IOException, InputException {
    // The header is read twice: here for its delimiter, then by the CSV parser.
    BufferedReader reader = input.reader();
    reader.mark(HEADER_LIMIT);
    String header;
    try {
      header = reader.readLine();
    } catch (ZipException | EOFException e) {
      throw new InputException(1, "not readable as gzip: " + e.getMessage());
    }
    if (header != null && header.length() >= HEADER_LIMIT) {
      throw new InputException(1, "the header is longer than " + HEADER_LIMIT + " characters");
    }
    reader.reset();
    if (header == null || header.isBlank()) {
      throw new InputException(1, "empty input: expected a header with user_id,timestamp,channel,...");
    }
    char delimiter = CsvHeader.delimiterOf(header);
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
        .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(false).setAllowMissingColumnNames(true)
        .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).get();
    try (CSVParser parser = parser(reader, format)) {
      List<String> names = parser.getHeaderNames();
      if (header.indexOf(InputFile.NOT_UTF8) >= 0) {
        throw new InputException(1, "header", header, InputFile.NOT_UTF8_REASON);
      }
      Map<String, Integer> columns = columns(names, String.valueOf(delimiter));
      List<UserEvent> events = new ArrayList<>();
      SharedValues shared = new SharedValues();
      long lastLine = 1;
      try {
        for (CSVRecord record : parser) {
          // Each row starts on the line after the previous one ended (a quoted cell may hold line breaks), so blank
          // lines are read as rows of one empty cell and skipped here rather than by the parser, which would hide them.
          long line = lastLine + 1;
          lastLine = parser.getCurrentLineNumber();
          if (record.size() == 1 && record.get(0).isEmpty()) {
            continue;
          }
          checkCells(record, names, line);
          events.add(event(record, columns, line, shared));
        }
      } catch (UncheckedIOException e) {
        IOException cause = e.getCause();
        String reason = cause instanceof ZipException || cause instanceof EOFException
            ? "not readable as gzip: " + cause.getMessage() : "not valid CSV: " + cause.getMessage();
        throw new InputException(parser.getCurrentLineNumber(), reason);
      }
      if (events.isEmpty()) {
        throw new InputException(2, "empty input: the file has a header but no rows");
      }
      return events;
    }
  }

  private static CSVParser parser(BufferedReader reader, CSVFormat format) throws IOException, InputException {
    try {
      return CSVParser.builder().setReader(reader).setFormat(format).get();
    } catch (UncheckedIOException e) {
      throw new InputException(1, "not valid CSV: " + e.getCause().getMessage());
    } catch (IllegalArgumentException e) {
      throw new InputException(1, "header: " + e.getMessage());
    }
  }

  /** Refuses a row with more cells than the header has columns, or with bytes that are not UTF-8. */
  private static void checkCells(CSVRecord record, List<String> names, long line) throws InputException {
    if (record.size() > names.size()) {
      throw new InputException(line, "the row has " + record.size() + " fields, the header " + names.size());
    }
    for (int i = 0; i < record.size(); i++) {
      String cell = record.get(i);
      if (cell.indexOf(InputFile.NOT_UTF8) >= 0) {
        throw new InputException(line, names.get(i), cell, InputFile.NOT_UTF8_REASON);
      }
    }
  }

  /**
   * The columns of a header by their lower-case names (surrounding spaces and a byte-order mark removed), checked for
   * the columns every touchpoint file needs.
   *
   * @throws InputException (line 1) when a name appears twice, or {@code user_id}, {@code timestamp} or every channel
   *     column is missing
   */
  public static Map<String, Integer> columns(List<String> names) throws InputException {
    return columns(names, ",");
  }

  private static Map<String, Integer> columns(List<String> names, String delimiter) throws InputException {
    Map<String, Integer> columns = CsvHeader.columns(names, delimiter);
    for (String required : List.of("user_id", "timestamp")) {
      if (!columns.containsKey(required)) {
        throw new InputException(1, "header", String.join(delimiter, names), "missing column " + required);
      }
    }
    if (!columns.containsKey("channel") && !columns.containsKey("source") && !columns.containsKey("medium")) {
      throw new InputException(1, "header", String.join(delimiter, names),
          "needs a channel column, or source/medium for channel grouping");
    }
    return columns;
  }

  /** One row's cells by column name, for {@link #event(Cells, boolean, long)}. */
  @FunctionalInterface
  public interface Cells {
    /** The value of {@code column} with surrounding white space removed; empty when blank or not in the layout. */
    String get(String column);
  }

  private static UserEvent event(CSVRecord record, Map<String, Integer> columns, long line, SharedValues shared)
      throws InputException {
    return event(name -> shared.text(name, get(record, columns, name)), columns.containsKey("source"), line, shared);
  }

  /**
   * The values a file repeats, kept once: a big file holds tens of millions of events in memory, and without this each
   * would carry its own copy of its channel, source, medium, campaign, type and price. Bounded, so that a column of
   * unique values costs a lookup and nothing more. Not thread-safe.
   */
  private static final class SharedValues {
    private static final int LIMIT = 1 << 16;
    private static final Set<String> REPEATED = Set.of("channel", "source", "medium", "campaign", "touchpoint_type",
        "conversion_type");
    private final Map<String, String> texts = new HashMap<>();
    private final Map<String, BigDecimal> amounts = new HashMap<>();
    private String previousUser = "";

    String text(String column, String value) {
      if (column.equals("user_id")) {
        // A user's events usually come together: the previous row's id is the one worth sharing.
        if (value.equals(previousUser)) {
          return previousUser;
        }
        previousUser = value;
        return value;
      }
      if (value.isEmpty() || !REPEATED.contains(column)) {
        return value;
      }
      String known = texts.get(value);
      if (known != null) {
        return known;
      }
      if (texts.size() < LIMIT) {
        texts.put(value, value);
      }
      return value;
    }

    BigDecimal amount(String raw) {
      return amounts.get(raw);
    }

    void remember(String raw, BigDecimal amount) {
      if (amounts.size() < LIMIT) {
        amounts.put(raw, amount);
      }
    }
  }

  /**
   * Reads one event from its cells under the rules this class documents, for readers that split rows themselves
   * (a cluster's CSV or Parquet readers).
   *
   * @param hasSourceColumn whether the layout has a {@code source} column, which lets a touch leave its channel to
   *     channel grouping
   * @param line the row's line for messages
   * @throws InputException naming the column, value and reason when the row cannot be read
   */
  public static UserEvent event(Cells cells, boolean hasSourceColumn, long line) throws InputException {
    return event(cells, hasSourceColumn, line, null);
  }

  private static UserEvent event(Cells cells, boolean hasSourceColumn, long line, SharedValues shared)
      throws InputException {
    String userId = cells.get("user_id");
    if (userId.isEmpty()) {
      throw new InputException(line, "user_id", "", "missing value");
    }
    Instant timestamp = timestamp(cells.get("timestamp"), line);
    String type = blankToNull(cells.get("touchpoint_type"));
    String conversionFlag = cells.get("conversion").toLowerCase(Locale.ROOT);
    boolean conversion;
    if (TRUE.contains(conversionFlag)) {
      conversion = true;
    } else if (FALSE.contains(conversionFlag)) {
      conversion = "conversion".equalsIgnoreCase(type);
    } else {
      throw new InputException(line, "conversion", conversionFlag, "expected 1/0, true/false or yes/no");
    }
    String channel = blankToNull(cells.get("channel"));
    String source = blankToNull(cells.get("source"));
    String medium = blankToNull(cells.get("medium"));
    String campaign = blankToNull(cells.get("campaign"));
    if (!conversion && channel == null && source == null && medium == null && !hasSourceColumn) {
      throw new InputException(line, "channel", "", "missing value: a touch needs a channel");
    }
    BigDecimal cost = money(cells, "cost", line, shared);
    BigDecimal revenue = money(cells, "revenue", line, shared);
    Double engagement = null;
    String rawEngagement = cells.get("engagement_score");
    if (!rawEngagement.isEmpty()) {
      try {
        engagement = Double.parseDouble(rawEngagement);
      } catch (NumberFormatException e) {
        throw new InputException(line, "engagement_score", rawEngagement, "not a number");
      }
      if (!(engagement >= 0 && engagement <= 1)) {
        throw new InputException(line, "engagement_score", rawEngagement, "must be between 0 and 1");
      }
    }
    long timeSpent = count(cells, "time_spent_seconds", line);
    long pages = count(cells, "pages_viewed", line);
    if (pages > Integer.MAX_VALUE) {
      throw new InputException(line, "pages_viewed", Long.toString(pages), "too large");
    }
    return new UserEvent(userId, timestamp, channel, source, medium, campaign,
        conversion && "conversion".equalsIgnoreCase(type) ? null : type, cost, engagement, timeSpent, (int) pages,
        conversion, blankToNull(cells.get("conversion_type")), revenue);
  }

  private static String get(CSVRecord record, Map<String, Integer> columns, String name) {
    Integer index = columns.get(name);
    if (index == null || index >= record.size()) {
      return "";
    }
    return record.get(index).strip();
  }

  private static String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  /** Parses the ISO-8601 forms users' exports contain; local times and dates are read as UTC. */
  public static Instant timestamp(String raw, long line) throws InputException {
    if (raw.isEmpty()) {
      throw new InputException(line, "timestamp", raw, "missing value");
    }
    try {
      if (raw.length() == 10) {
        return LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      String iso = raw.indexOf('T') < 0 ? raw.replaceFirst(" ", "T") : raw;
      if (iso.endsWith("Z") || iso.endsWith("z")) {
        return Instant.parse(iso.toUpperCase(Locale.ROOT));
      }
      if (iso.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(iso).toInstant();
      }
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InputException(line, "timestamp", raw, "not an ISO-8601 date-time such as 2025-01-05T10:00:00Z");
    }
  }

  private static BigDecimal money(Cells cells, String name, long line, SharedValues shared) throws InputException {
    String raw = cells.get(name);
    if (raw.isEmpty()) {
      return null;
    }
    BigDecimal known = shared == null ? null : shared.amount(raw);
    if (known != null) {
      return known;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(raw);
    } catch (NumberFormatException e) {
      throw new InputException(line, name, raw, "not a number");
    }
    if (value.signum() < 0) {
      throw new InputException(line, name, raw, "must not be negative");
    }
    if (shared != null) {
      shared.remember(raw, value);
    }
    return value;
  }

  private static long count(Cells cells, String name, long line) throws InputException {
    String raw = cells.get(name);
    if (raw.isEmpty()) {
      return 0;
    }
    try {
      long value = Long.parseLong(raw);
      if (value < 0) {
        throw new InputException(line, name, raw, "must not be negative");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new InputException(line, name, raw, "not a whole number");
    }
  }
}
