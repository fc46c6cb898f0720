package io.nexus.server.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between instants and {@code TIMESTAMP WITH TIME ZONE} that do not depend on the JVM's time zone. */
public final class TimestampColumns {
  private TimestampColumns() {}

  /** {@code instant} as a JDBC parameter for a {@code TIMESTAMP WITH TIME ZONE} column, {@code null} stays null. */
  public static OffsetDateTime param(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** The instant in {@code column}, or {@code null}. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Now, as a JDBC parameter. */
  public static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
