package io.nexus.server.integration;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The days to import, both included, in UTC, and optionally the one user to import; immutable.
 *
 * @param startDate the first day
 * @param endDate the last day, not before the first
 * @param userId the user, or {@code null} for every user
 */
public record ImportRange(LocalDate startDate, LocalDate endDate, String userId) {

  public ImportRange {
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(endDate, "endDate");
    if (endDate.isBefore(startDate)) {
      throw new IllegalArgumentException("endDate " + endDate + " is before startDate " + startDate);
    }
  }

  /** The user to import, if only one. */
  public Optional<String> user() {
    return Optional.ofNullable(userId);
  }
}
