package io.nexus.server.integration.internal;

import io.nexus.engine.journey.UserEvent;
import io.nexus.server.integration.DailyTotals;
import io.nexus.server.integration.PlatformEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One day of an import beside the platform's own count of it: sessions, conversions and revenue as the platform
 * reports them and as the import read them (stored now or by an earlier import of the same events), and the
 * differences, imported minus platform; immutable.
 */
record DayReconciliation(LocalDate date, long platformSessions, long importedSessions, long sessionsDifference,
    long platformConversions, long importedConversions, long conversionsDifference, BigDecimal platformRevenue,
    BigDecimal importedRevenue, BigDecimal revenueDifference) {

  /**
   * The days that the platform reports or the import read, in order: touches count as sessions and conversions by
   * the UTC day of their time; a day missing on one side counts zero there.
   */
  static List<DayReconciliation> of(List<PlatformEvent> read, List<DailyTotals> platform, LocalDate first,
      LocalDate last) {
    Map<LocalDate, long[]> counts = new TreeMap<>();
    Map<LocalDate, BigDecimal[]> money = new TreeMap<>();
    for (DailyTotals day : platform) {
      long[] c = counts.computeIfAbsent(day.date(), d -> new long[4]);
      c[0] += day.sessions();
      c[2] += day.conversions();
      BigDecimal[] m = money.computeIfAbsent(day.date(), d -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      m[0] = m[0].add(day.revenue());
    }
    for (PlatformEvent event : read) {
      UserEvent e = event.event();
      LocalDate day = e.timestamp().atOffset(ZoneOffset.UTC).toLocalDate();
      if (day.isBefore(first) || day.isAfter(last)) {
        continue;
      }
      long[] c = counts.computeIfAbsent(day, d -> new long[4]);
      BigDecimal[] m = money.computeIfAbsent(day, d -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      if (e.conversion()) {
        c[3]++;
        m[1] = m[1].add(e.revenue() == null ? BigDecimal.ZERO : e.revenue());
      } else {
        c[1]++;
      }
    }
    List<DayReconciliation> days = new ArrayList<>(counts.size());
    counts.forEach((day, c) -> {
      BigDecimal[] m = money.getOrDefault(day, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      days.add(new DayReconciliation(day, c[0], c[1], c[1] - c[0], c[2], c[3], c[3] - c[2], m[0], m[1],
          m[1].subtract(m[0])));
    });
    return days;
  }
}
