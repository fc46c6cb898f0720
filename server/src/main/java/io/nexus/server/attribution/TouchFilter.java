package io.nexus.server.attribution;

import io.nexus.server.web.ApiException;

/**
 * Which touches of a journey a report credits, as the dashboard's filter bar sets it: only those within
 * {@code lookbackDays} before the journey's last conversion, and none on Direct traffic when {@code excludeDirect};
 * immutable. A journey left without touches is not credited.
 *
 * @param lookbackDays the lookback window in days, or {@code null} for every touch
 * @param excludeDirect whether touches on channels of type {@code direct} are left out
 */
public record TouchFilter(Integer lookbackDays, boolean excludeDirect) {
  /** Every touch, as the journeys were stored. */
  public static final TouchFilter ALL = new TouchFilter(null, false);
  /** The longest lookback accepted: ten years. */
  public static final int MAX_LOOKBACK_DAYS = 3_650;

  /** The filter of a request's {@code lookback_days} and {@code exclude_direct}; 400 naming a bad lookback. */
  public static TouchFilter of(Integer lookbackDays, Boolean excludeDirect) {
    if (lookbackDays != null && (lookbackDays < 1 || lookbackDays > MAX_LOOKBACK_DAYS)) {
      throw ApiException.badRequest("lookback_days", "must be between 1 and " + MAX_LOOKBACK_DAYS);
    }
    return new TouchFilter(lookbackDays, Boolean.TRUE.equals(excludeDirect));
  }

  /** Whether every touch is kept. */
  public boolean keepsAll() {
    return lookbackDays == null && !excludeDirect;
  }

  /** A short text for cache keys; empty for {@link #ALL}, so that keys of unfiltered reports stay as they were. */
  public String key() {
    return keepsAll() ? "" : ":lb" + lookbackDays + (excludeDirect ? ":nodirect" : "");
  }
}
