package io.nexus.server.integration.internal.google;

import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import io.nexus.server.integration.ImportRange;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one query an import runs over the GA4 export: the range's daily tables {@code events_YYYYMMDD} and, unless
 * turned off, the {@code events_intraday_YYYYMMDD} tables of its days that have no daily table yet, so that no day is
 * read twice while GA4 holds both (docs/integrations.md).
 */
final class ExportQuery {
  /** The suffix of an intraday table within {@code events_*}: {@code intraday_YYYYMMDD}. */
  static final String INTRADAY = "intraday_";
  private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;
  // The reader's user: user_pseudo_id, or user_id when there is none. In time order, so that of two purchases with one
  // transaction id the earlier one counts, as in a file.
  private static final String USER = " AND COALESCE(t.user_pseudo_id, t.user_id) = @user";
  private static final String ORDER = " ORDER BY t.event_timestamp, t.user_pseudo_id, t.event_name";

  private ExportQuery() {}

  /** The query; project and dataset were checked against BigQuery's naming rules, the rest are parameters. */
  static QueryJobConfiguration of(Ga4Settings settings, ImportRange range) {
    String dataset = settings.bigqueryProject() + "." + settings.bigqueryDataset();
    String days = "_TABLE_SUFFIX BETWEEN @first_day AND @last_day";
    String sql;
    if (settings.intraday()) {
      // events_* matches events_intraday_* too, with the suffix intraday_YYYYMMDD. An intraday table is read only
      // while its day's daily table does not exist: GA4 deletes it once the daily one is complete, and both hold the
      // same events meanwhile. Only the constant conditions limit the tables scanned; the table list decides.
      sql = "SELECT t.event_timestamp, TO_JSON_STRING(t) AS event, _TABLE_SUFFIX AS export_table"
          + " FROM `" + dataset + ".events_*` AS t"
          + " WHERE (" + days
          + " OR (_TABLE_SUFFIX BETWEEN CONCAT('" + INTRADAY + "', @first_day) AND CONCAT('" + INTRADAY
          + "', @last_day)"
          + " AND CONCAT('events_', SUBSTR(_TABLE_SUFFIX, " + (INTRADAY.length() + 1) + ")) NOT IN ("
          + "SELECT table_name FROM `" + dataset + ".INFORMATION_SCHEMA.TABLES`"
          + " WHERE table_name BETWEEN CONCAT('events_', @first_day) AND CONCAT('events_', @last_day))))";
    } else {
      sql = "SELECT t.event_timestamp, TO_JSON_STRING(t) AS event FROM `" + dataset + ".events_*` AS t WHERE " + days;
    }
    sql += (range.userId() == null ? "" : USER) + ORDER;
    QueryJobConfiguration.Builder query = QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false)
        .setMaxResults((long) settings.pageSize())
        .addNamedParameter("first_day", QueryParameterValue.string(range.startDate().format(SUFFIX)))
        .addNamedParameter("last_day", QueryParameterValue.string(range.endDate().format(SUFFIX)));
    if (range.userId() != null) {
      query.addNamedParameter("user", QueryParameterValue.string(range.userId()));
    }
    return query.build();
  }

  /** The day of an intraday table's suffix, or {@code null} for a daily table's (or anything else). */
  static LocalDate intradayDay(String suffix) {
    return suffix != null && suffix.startsWith(INTRADAY) ? day(suffix.substring(INTRADAY.length())) : null;
  }

  /** The day of a daily table's suffix, or {@code null} for an intraday table's (or anything else). */
  static LocalDate dailyDay(String suffix) {
    return suffix != null && suffix.length() == 8 ? day(suffix) : null;
  }

  private static LocalDate day(String digits) {
    try {
      return LocalDate.parse(digits, SUFFIX);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
