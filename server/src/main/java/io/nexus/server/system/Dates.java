package io.nexus.server.system;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads the date filters clients send: a date ({@code 2025-01-31}, a whole UTC day) or an ISO-8601 timestamp; an end
 * date includes its whole day.
 */
public final class Dates {
  private Dates() {}

  /** The first instant {@code value} names, or {@code null} when absent; refuses unreadable values naming the field. */
  public static Instant start(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.length() == 10) {
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
    if (v.length() == 10) {
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

  private static LocalDate date(String v, String field) {
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field, "expected a date such as 2025-01-31 or an ISO-8601 timestamp, got '" + v
          + "'");
    }
  }

  private static Instant timestamp(String v, String field) {
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field, "expected a date such as 2025-01-31 or an ISO-8601 timestamp, got '" + v
          + "'");
    }
  }
}
