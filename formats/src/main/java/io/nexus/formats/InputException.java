package io.nexus.formats;

/**
 * A row of an input file that cannot be read, reported to users as {@code line N: <column> "<value>": <reason>}
 * (or {@code line N: <reason>} when no single column is at fault).
 */
public final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long line;
  private final String column;
  private final String value;
  private final String reason;

  /** A problem with {@code column}'s {@code value} on line {@code line}. */
  public InputException(long line, String column, String value, String reason) {
    super(message(line, column, value, reason));
    this.line = line;
    this.column = column;
    this.value = value;
    this.reason = reason;
  }

  /** A problem with line {@code line} as a whole. */
  public InputException(long line, String reason) {
    this(line, null, null, reason);
  }

  private static String message(long line, String column, String value, String reason) {
    if (column == null) {
      return "line " + line + ": " + reason;
    }
    // One line whatever the value holds: a quoted field may span lines.
    String oneLine = value.replace("\r", "\\r").replace("\n", "\\n");
    String shown = oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    return "line " + line + ": " + column + " \"" + shown + "\": " + reason;
  }

  /** The column at fault, or {@code null} when the row as a whole is. */
  public String column() {
    return column;
  }

  /** The value at fault, or {@code null} when the row as a whole is. */
  public String value() {
    return value;
  }

  /** Why the row cannot be read, without line, column or value. */
  public String reason() {
    return reason;
  }

  /** The 1-based line number, the header being line 1. */
  public long line() {
    return line;
  }
}
