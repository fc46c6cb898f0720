package io.nexus.server.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The times the service stores and the date filters clients send: a date ({@code 2025-01-31}, a whole UTC day) or an
 * ISO-8601 timestamp; an end date includes its whole day. Every time lies in the years 1900 to 2200.
 */
public final class Dates {
  /** The earliest time the service accepts: 1900-01-01T00:00:00Z. */
  public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
  /** The first time past the latest the service accepts: 2201-01-01T00:00:00Z. */
  public static final Instant AFTER_LATEST = Instant.parse("2201-01-01T00:00:00Z");
  /** Why a time outside {@link #EARLIEST} and {@link #AFTER_LATEST} is refused. */
  public static final String OUT_OF_RANGE = "must be in the years 1900 to 2200";

  private Dates() {}

  /**
   * The instants a {@code start_date} and {@code end_date} filter select, {@code [from, to)}; immutable.
   *
   * @param from the first instant, or {@code null} when no start was given
   * @param to the first instant past the range, or {@code null} when no end was given
   */
  public record Range(Instant from, Instant to) {}

  /**
   * The range the {@code start_date} and {@code end_date} parameters name, either of them absent; refuses an
   * unreadable date naming its parameter, and an end before the start naming {@code end_date}.
   */
  public static Range range(String startDate, String endDate) {
    Instant from = start(startDate, "start_date");
    Instant to = end(endDate, "end_date");
    checkOrder(from, to, "end_date");
    return new Range(from, to);
  }

  /**
   * Why {@code instant} cannot be stored as given, or {@code null} when it can: outside the years 1900 to 2200, or
   * finer than the microseconds the database keeps.
   */
  public static String unstorable(Instant instant) {
    if (instant.isBefore(EARLIEST) || !instant.isBefore(AFTER_LATEST)) {
      return OUT_OF_RANGE;
    }
    if (instant.getNano() % 1_000 != 0) {
      return "must have at most 6 decimal places of seconds (microseconds)";
    }
    return null;
  }

  /** The first instant {@code value} names, or {@code null} when absent; refuses unreadable values naming the field. */
  public static Instant start(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (isDate(v)) {
      return date(v, field).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return timestamp(v, field);
  }

  /** The first instant after what {@code value} names (a date's next midnight), or {@code null} when absent. */
  public static Instant end(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (isDate(v)) {
      return date(v, field).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return timestamp(v, field).plusNanos(1);
  }

  /** Refuses a range whose end is not after its start. */
  public static void checkOrder(Instant from, Instant to, String endField) {
    if (from != null && to != null && !to.isAfter(from)) {
      throw ApiException.badRequest(endField, "must not be before the start date");
    }
  }

  private static boolean isDate(String v) {
    return v.indexOf('T') < 0 && v.indexOf('t') < 0;
  }

  private static LocalDate date(String v, String field) {
    LocalDate date;
    try {
      date = LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw unreadable(v, field);
    }
    inRange(date.atStartOfDay(ZoneOffset.UTC).toInstant(), field);
    return date;
  }

  private static Instant timestamp(String v, String field) {
    Instant instant;
    try {
      instant = OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw unreadable(v, field);
    }
    inRange(instant, field);
    return instant;
  }

  /**
   * The day {@code text} names ({@code 2025-01-31}, years 1900 to 2200), or {@code null} after adding why not to
   * {@code problems} under {@code field}, so that a request's bad days are all refused at once.
   */
  public static LocalDate day(String text, String field, List<FieldProblem> problems) {
    try {
      LocalDate date = LocalDate.parse(text.strip());
      if (date.isBefore(LocalDate.of(1900, 1, 1)) || date.isAfter(LocalDate.of(2200, 12, 31))) {
        problems.add(new FieldProblem(field, OUT_OF_RANGE));
        return null;
      }
      return date;
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field, "must be a date such as 2025-01-31"));
      return null;
    }
  }

  private static void inRange(Instant instant, String field) {
    if (instant.isBefore(EARLIEST) || !instant.isBefore(AFTER_LATEST)) {
      throw ApiException.unprocessable(field, OUT_OF_RANGE);
    }
  }

  private static ApiException unreadable(String v, String field) {
    return ApiException.badRequest(field, "expected a date such as 2025-01-31 or an ISO-8601 timestamp, got '" + v
        + "'");
  }
}
