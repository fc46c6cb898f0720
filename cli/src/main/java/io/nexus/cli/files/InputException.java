package io.nexus.cli.files;

/**
 * A row of an input file that cannot be read, reported to users as {@code line N: <column> "<value>": <reason>}
 * (or {@code line N: <reason>} when no single column is at fault).
 */
public final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long line;

  /** A problem with {@code column}'s {@code value} on line {@code line}. */
  public InputException(long line, String column, String value, String reason) {
    super("line " + line + ": " + column + " \"" + abbreviate(value) + "\": " + reason);
    this.line = line;
  }

  /** A problem with line {@code line} as a whole. */
  public InputException(long line, String reason) {
    super("line " + line + ": " + reason);
    this.line = line;
  }

  /** The 1-based line number, the header being line 1. */
  public long line() {
    return line;
  }

  private static String abbreviate(String value) {
    return value.length() > 80 ? value.substring(0, 77) + "..." : value;
  }
}
