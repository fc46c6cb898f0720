package io.nexus.server.integration.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An import as stored: what it imports, how far it got and what it refused; immutable.
 *
 * @param id the job's id
 * @param platform the platform or upload format
 * @param status {@code running}, {@code succeeded} or {@code failed}
 * @param startDate the first day imported, or {@code null} for an upload
 * @param endDate the last day imported, or {@code null} for an upload
 * @param userId the one user imported, or {@code null}
 * @param rowsRead rows or platform events read
 * @param journeys journeys stored
 * @param touchpoints touchpoints stored
 * @param conversions conversions stored
 * @param spendRows spend rows stored
 * @param reportedConversions the conversions the platform reports beside its spend, summed, or {@code null}
 * @param reportedConversionValue their value as the platform reports it, or {@code null}
 * @param duplicateEvents events left out because an earlier import (or the same one) already had their event id
 * @param rejectedRows rows refused
 * @param rejections the first refused rows, with line and reason
 * @param reconciliation per day, the platform's own totals beside what the import read; empty when the platform
 *     reports none
 * @param reconciliationNote why the reconciliation is empty or partial, or {@code null}
 * @param intradayDays the days whose events came only from tables the platform was still writing (GA4's
 *     {@code events_intraday_*}), in order; empty when every day read was final
 * @param error why the job failed, or {@code null}
 * @param createdAt when it was accepted
 * @param finishedAt when it ended, or {@code null} while running
 */
record ImportJob(long id, String platform, String status, LocalDate startDate, LocalDate endDate, String userId,
    long rowsRead, long journeys, long touchpoints, long conversions, long spendRows,
    @JsonInclude(Include.NON_NULL) BigDecimal reportedConversions,
    @JsonInclude(Include.NON_NULL) BigDecimal reportedConversionValue, long duplicateEvents,
    long rejectedRows, List<Rejection> rejections, List<DayReconciliation> reconciliation, String reconciliationNote,
    List<LocalDate> intradayDays, String error, Instant createdAt, Instant finishedAt) {

  /**
   * A row that was refused.
   *
   * @param line its line in the file (the header being line 1), or its position among the platform's events
   * @param reason why
   */
  record Rejection(long line, String reason) {}
}
