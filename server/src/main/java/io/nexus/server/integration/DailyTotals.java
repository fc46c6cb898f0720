package io.nexus.server.integration;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A platform's own count of one day (such as GA4's Data API report), which an import's events are reconciled
 * against; immutable.
 *
 * @param date the day
 * @param sessions sessions (visits) the platform counted
 * @param conversions conversions the platform counted
 * @param revenue their revenue
 */
public record DailyTotals(LocalDate date, long sessions, long conversions, BigDecimal revenue) {

  public DailyTotals {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(revenue, "revenue");
  }
}
