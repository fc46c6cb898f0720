package io.nexus.server.integration.internal.google;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.JobException;
import com.google.cloud.bigquery.TableResult;
import com.google.cloud.http.HttpTransportOptions;
import io.nexus.formats.ga4.Ga4ExportReader;
import io.nexus.server.integration.ImportRange;
import io.nexus.server.integration.PlatformEvent;
import io.nexus.server.integration.PlatformException;
import io.nexus.server.integration.PlatformFetch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the GA4 export from BigQuery itself with Google's official client: one {@link ExportQuery} over the range's
 * day tables (and intraday tables of days not yet final), each row the exported event as JSON
 * ({@code TO_JSON_STRING}), read page by page (page tokens) into {@link Ga4ExportReader}, the reader of uploaded
 * exports, so that both make the same sessions and purchases.
 */
final class BigQueryExport {
  private static final String SCOPE = "https://www.googleapis.com/auth/bigquery";

  private final Ga4Settings settings;

  BigQueryExport(Ga4Settings settings) {
    this.settings = settings;
  }

  /** The range's events, with the rows that could not be read and the purchases the export repeats. */
  PlatformFetch read(ImportRange range) {
    BigQuery bigquery = client();
    QueryRows.Progress progress = new QueryRows.Progress();
    try {
      TableResult first = bigquery.query(ExportQuery.of(settings, range));
      Ga4ExportReader.Result result = Ga4ExportReader.readAll(new BufferedReader(new QueryRows(first, progress,
          this::nextPage)));
      List<PlatformEvent> events = new ArrayList<>(result.events().size());
      for (Ga4ExportReader.Ga4Event e : result.events()) {
        events.add(new PlatformEvent(e.eventId(), e.event()));
      }
      List<PlatformFetch.Refused> refused = result.rejections().stream()
          .map(e -> new PlatformFetch.Refused(e.line(), "row " + e.line() + " of the query: "
              + e.getMessage().replaceFirst("^line \\d+: ", "")))
          .toList();
      return new PlatformFetch(result.rows(), events, refused, result.duplicatePurchases(), null, null)
          .withIntradayDays(progress.intradayDays());
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
}
