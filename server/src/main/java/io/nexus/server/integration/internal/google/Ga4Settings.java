package io.nexus.server.integration.internal.google;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code nexus.ga4.*}: where GA4 data is read (the BigQuery export's project and dataset, the Data API's property),
 * the service-account key file ({@code GOOGLE_APPLICATION_CREDENTIALS}), the API base URLs, the timeout, retries
 * and page sizes of the calls, and whether imports read the {@code events_intraday_*} tables of days not yet final.
 */
@ConfigurationProperties(prefix = "nexus.ga4")
record Ga4Settings(String credentialsFile, String propertyId, String dataApiUrl, String bigqueryProject,
    String bigqueryDataset, String bigqueryApiUrl, Duration timeout, Integer maxAttempts, Duration retryDelay,
    Integer pageSize, Boolean intraday) {
  // BigQuery's documented names: project ids (optionally domain-scoped) and dataset ids; both end up in SQL.
  private static final Pattern PROJECT = Pattern.compile("([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");
  private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_]{1,1024}");
  private static final Pattern PROPERTY = Pattern.compile("[0-9]{1,20}");

  Ga4Settings {
    credentialsFile = blankToNull(credentialsFile);
    propertyId = blankToNull(propertyId);
    dataApiUrl = dataApiUrl == null || dataApiUrl.isBlank() ? "https://analyticsdata.googleapis.com"
        : dataApiUrl.strip().replaceAll("/+$", "");
    bigqueryProject = blankToNull(bigqueryProject);
    bigqueryDataset = blankToNull(bigqueryDataset);
    bigqueryApiUrl = bigqueryApiUrl == null || bigqueryApiUrl.isBlank() ? "https://bigquery.googleapis.com"
        : bigqueryApiUrl.strip().replaceAll("/+$", "");
    timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    maxAttempts = maxAttempts == null ? 5 : Math.max(1, maxAttempts);
    retryDelay = retryDelay == null ? Duration.ofSeconds(1) : retryDelay;
    pageSize = pageSize == null ? 10_000 : Math.max(1, Math.min(250_000, pageSize));
    intraday = intraday == null || intraday;
  }

  /** The settings the BigQuery import lacks, or holds in a form BigQuery would refuse, by environment variable. */
  List<String> missingForExport() {
    List<String> missing = new ArrayList<>();
    if (credentialsFile == null) {
      missing.add("GOOGLE_APPLICATION_CREDENTIALS");
    }
    if (bigqueryProject == null || !PROJECT.matcher(bigqueryProject).matches()) {
      missing.add("NEXUS_BIGQUERY_PROJECT");
    }
    if (bigqueryDataset == null || !DATASET.matcher(bigqueryDataset).matches()) {
      missing.add("NEXUS_BIGQUERY_DATASET");
    }
    return missing;
  }

  /** Whether the Data API can be asked: a key file and a numeric property id. */
  boolean reportsConfigured() {
    return credentialsFile != null && propertyId != null && PROPERTY.matcher(propertyId).matches();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
