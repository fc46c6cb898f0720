package io.nexus.server.integration.internal.google;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.JobException;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.TableResult;
import com.google.cloud.http.HttpTransportOptions;
import io.nexus.formats.ga4.Ga4ExportReader;
import io.nexus.server.integration.ImportRange;
import io.nexus.server.integration.PlatformEvent;
import io.nexus.server.integration.PlatformException;
import io.nexus.server.integration.PlatformFetch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads the GA4 export from BigQuery itself with Google's official client: one query over the {@code events_*} day
 * tables of the range ({@code _TABLE_SUFFIX} between its first and last day), each row the exported event as JSON
 * ({@code TO_JSON_STRING}), read page by page (page tokens) into {@link Ga4ExportReader}, the reader of uploaded
 * exports, so that both make the same sessions and purchases.
 */
final class BigQueryExport {
  private static final String SCOPE = "https://www.googleapis.com/auth/bigquery";
  private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

  private final Ga4Settings settings;

  BigQueryExport(Ga4Settings settings) {
    this.settings = settings;
  }

  /** The range's events, with the rows that could not be read and the purchases the export repeats. */
  PlatformFetch read(ImportRange range) {
    BigQuery bigquery = client();
    Progress progress = new Progress();
    try {
      TableResult first = bigquery.query(query(range));
      Ga4ExportReader.Result result = Ga4ExportReader.readAll(new BufferedReader(new RowsReader(first, progress,
          this::nextPage)));
      List<PlatformEvent> events = new ArrayList<>(result.events().size());
      for (Ga4ExportReader.Ga4Event e : result.events()) {
        events.add(new PlatformEvent(e.eventId(), e.event()));
      }
      List<PlatformFetch.Refused> refused = result.rejections().stream()
          .map(e -> new PlatformFetch.Refused(e.line(), "row " + e.line() + " of the query: "
              + e.getMessage().replaceFirst("^line \\d+: ", "")))
          .toList();
      return new PlatformFetch(result.rows(), events, refused, result.duplicatePurchases(), null, null);
    } catch (BigQueryException e) {
      throw new PlatformException(progress.where() + describe(e), e);
    } catch (IOException | UncheckedIOException e) {
      throw new PlatformException(progress.where() + "BigQuery could not be read: " + e.getMessage(), e);
    } catch (JobException e) {
      throw new PlatformException(progress.where() + "the BigQuery query failed: " + e.getErrors(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException(progress.where() + "the import was interrupted", e);
    } catch (PlatformException e) {
      throw new PlatformException(progress.where() + e.getMessage(), e);
    }
  }

  private BigQuery client() {
    int timeout = Math.toIntExact(settings.timeout().toMillis());
    RetrySettings retries = RetrySettings.newBuilder().setMaxAttempts(settings.maxAttempts())
        .setInitialRetryDelayDuration(settings.retryDelay()).setRetryDelayMultiplier(2.0)
        .setMaxRetryDelayDuration(settings.retryDelay().multipliedBy(32))
        .setTotalTimeoutDuration(settings.timeout().multipliedBy(settings.maxAttempts())).build();
    return BigQueryOptions.newBuilder().setHost(settings.bigqueryApiUrl()).setProjectId(settings.bigqueryProject())
        .setCredentials(GoogleKeys.serviceAccount(settings.credentialsFile(), List.of(SCOPE)))
        .setRetrySettings(retries)
        .setTransportOptions(HttpTransportOptions.newBuilder().setConnectTimeout(timeout).setReadTimeout(timeout)
            .build())
        .build().getService();
  }

  /** The query; project and dataset were checked against BigQuery's naming rules, the rest are parameters. */
  private QueryJobConfiguration query(ImportRange range) {
    String table = "`" + settings.bigqueryProject() + "." + settings.bigqueryDataset() + ".events_*`";
    // The reader's user: user_pseudo_id, or user_id when there is none. In time order, so that of two purchases
    // with one transaction id the earlier one counts, as in a file.
    String sql = "SELECT t.event_timestamp, TO_JSON_STRING(t) AS event FROM " + table + " AS t"
        + " WHERE _TABLE_SUFFIX BETWEEN @first_day AND @last_day"
        + (range.userId() == null ? "" : " AND COALESCE(t.user_pseudo_id, t.user_id) = @user")
        + " ORDER BY t.event_timestamp, t.user_pseudo_id, t.event_name";
    QueryJobConfiguration.Builder query = QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false)
        .setMaxResults((long) settings.pageSize())
        .addNamedParameter("first_day", QueryParameterValue.string(range.startDate().format(SUFFIX)))
        .addNamedParameter("last_day", QueryParameterValue.string(range.endDate().format(SUFFIX)));
    if (range.userId() != null) {
      query.addNamedParameter("user", QueryParameterValue.string(range.userId()));
    }
    return query.build();
  }

  private static String describe(BigQueryException e) {
    String reason = e.getReason() == null ? "" : " " + e.getReason();
    String hint = switch (e.getCode()) {
      case 401 -> "; Google refused the service-account key (GOOGLE_APPLICATION_CREDENTIALS)";
      case 403 -> "rateLimitExceeded".equals(e.getReason()) || "quotaExceeded".equals(e.getReason())
          ? "; BigQuery's quota was used up, retried " + "and still refused; try again later"
          : "; the service account needs roles/bigquery.dataViewer on the dataset and roles/bigquery.jobUser on "
              + "the project";
      case 404 -> "; check NEXUS_BIGQUERY_PROJECT and NEXUS_BIGQUERY_DATASET (the GA4 export's dataset, "
          + "analytics_<property id>) and that the range has export tables";
      default -> "";
    };
    String code = e.getCode() == 0 ? "BigQuery out of reach" : "BigQuery answered " + e.getCode() + reason;
    return code + ": " + e.getMessage() + hint;
  }

  /**
   * The page after {@code page}: the client retries the query itself but not the pages after the first, so a
   * throttled or unavailable answer (429, 5xx, or BigQuery's retryable reasons) is asked again here, with the same
   * growing pauses.
   */
  private TableResult nextPage(TableResult page) {
    long pause = settings.retryDelay().toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        return page.getNextPage();
      } catch (BigQueryException e) {
        boolean transientError = e.isRetryable() || e.getCode() == 429 || e.getCode() >= 500;
        if (!transientError || attempt >= settings.maxAttempts()) {
          throw e;
        }
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PlatformException("the import was interrupted", e);
      }
      pause *= 2;
    }
  }

  /** How far the query's rows were read: said when the import stops. */
  private static final class Progress {
    private long rows;
    private long pages;
    private Long lastMicros;

    String where() {
      if (pages == 0) {
        return "";
      }
      String upTo = lastMicros == null ? "" : ", events up to " + Instant.EPOCH.plusNanos(lastMicros * 1000L);
      return "stopped after " + rows + " rows on " + pages + (pages == 1 ? " page" : " pages") + upTo + ": ";
    }
  }

  /** The query's rows, page by page, as NDJSON: one exported event per line. */
  private static final class RowsReader extends Reader {
    private final Iterator<String> lines;
    private String current = "";
    private int at;

    RowsReader(TableResult first, Progress progress, java.util.function.UnaryOperator<TableResult> next) {
      this.lines = new Iterator<>() {
        private TableResult page = first;
        private Iterator<FieldValueList> rows = started(first);

        private Iterator<FieldValueList> started(TableResult result) {
          progress.pages++;
          return result.getValues().iterator();
        }

        @Override
        public boolean hasNext() {
          while (!rows.hasNext() && page.hasNextPage()) {
            page = next.apply(page);
            rows = started(page);
          }
          return rows.hasNext();
        }

        @Override
        public String next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          FieldValueList row = rows.next();
          progress.rows++;
          FieldValue micros = row.get(0);
          if (!micros.isNull()) {
            try {
              progress.lastMicros = micros.getLongValue();
            } catch (NumberFormatException e) {
              // The reader refuses the row with its reason.
            }
          }
          FieldValue event = row.get(1);
          // TO_JSON_STRING escapes line breaks, so one event is one line.
          return event.isNull() ? "null" : event.getStringValue().replace('\n', ' ');
        }
      };
    }

    @Override
    public int read(char[] buffer, int offset, int length) {
      if (at == current.length()) {
        if (!lines.hasNext()) {
          return -1;
        }
        current = lines.next() + "\n";
        at = 0;
      }
      int n = Math.min(length, current.length() - at);
      current.getChars(at, at + n, buffer, offset);
      at += n;
      return n;
    }

    @Override
    public void close() {}
  }
}
