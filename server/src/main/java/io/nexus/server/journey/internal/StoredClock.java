package io.nexus.server.journey.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The time stored with new records: now, to the microsecond the database keeps, so answer and row agree. */
final class StoredClock {
  private StoredClock() {}

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
