package io.nexus.server.integration;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What one import read from a platform: its events, the rows it could not read, and the platform's own daily totals
 * to reconcile the events against; immutable.
 *
 * @param rowsRead the rows (or platform records) read
 * @param events the touches and conversions read
 * @param refused the rows that could not be read, each with its position and reason
 * @param duplicates events the platform's data repeats (such as a transaction id sent twice), left out of
 *     {@code events}
 * @param totals the platform's own totals per day of the range (a day it counted nothing may be left out), or
 *     {@code null} when it reports none
 * @param totalsNote why {@code totals} is missing, or {@code null}
 * @param spend what the platform's ad accounts spent in the range, when the platform reads it together with its
 *     events (GA4 takes Google Ads cost from the report it reconciles against); stored like
 *     {@link PlatformIntegration#fetchSpend}'s, each account's days replaced
 * @param intradayDays the days whose events came only from data the platform was still writing (GA4's
 *     {@code events_intraday_*} tables), in order: importing them again once final adds what came since
 */
public record PlatformFetch(long rowsRead, List<PlatformEvent> events, List<Refused> refused, long duplicates,
    List<DailyTotals> totals, String totalsNote, List<SpendReport> spend, List<LocalDate> intradayDays) {

  public PlatformFetch {
    events = List.copyOf(events);
    refused = List.copyOf(refused);
    totals = totals == null ? null : List.copyOf(totals);
    spend = List.copyOf(spend);
    intradayDays = List.copyOf(intradayDays);
  }

  /** Without intraday days. */
  public PlatformFetch(long rowsRead, List<PlatformEvent> events, List<Refused> refused, long duplicates,
      List<DailyTotals> totals, String totalsNote, List<SpendReport> spend) {
    this(rowsRead, events, refused, duplicates, totals, totalsNote, spend, List.of());
  }

  /** Without spend. */
  public PlatformFetch(long rowsRead, List<PlatformEvent> events, List<Refused> refused, long duplicates,
      List<DailyTotals> totals, String totalsNote) {
    this(rowsRead, events, refused, duplicates, totals, totalsNote, List.of());
  }

  /** Events alone, one row each, with nothing refused and no totals. */
  public static PlatformFetch of(List<PlatformEvent> events) {
    return new PlatformFetch(events.size(), events, List.of(), 0, null, null);
  }

  /** The same, with the platform's own totals (or {@code null} and the reason there are none). */
  public PlatformFetch withTotals(List<DailyTotals> dailyTotals, String note) {
    return new PlatformFetch(rowsRead, events, refused, duplicates, dailyTotals, note, spend, intradayDays);
  }

  /** The same, with the spend the platform reported beside its events. */
  public PlatformFetch withSpend(List<SpendReport> reports) {
    return new PlatformFetch(rowsRead, events, refused, duplicates, totals, totalsNote, reports, intradayDays);
  }

  /** The same, saying which days came only from data the platform was still writing. */
  public PlatformFetch withIntradayDays(List<LocalDate> days) {
    return new PlatformFetch(rowsRead, events, refused, duplicates, totals, totalsNote, spend, days);
  }

  /**
   * A row that could not be read.
   *
   * @param position its line in a file, or its position among the platform's rows, the first being 1
   * @param reason why, holding no secret
   */
  public record Refused(long position, String reason) {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
