package io.nexus.server.integration.internal;

import java.util.Set;

/** The platforms whose data arrives as uploaded files rather than fetched by a platform integration. */
final class UploadFormats {
  /** The command line's touchpoint columns, as CSV. */
  static final String CSV = "csv";
  /** The GA4 BigQuery export, as NDJSON. */
  static final String GOOGLE_ANALYTICS = "google_analytics";
  /** Platform spend per campaign and day, as CSV, for platforms without an integration. */
  static final String SPEND = "spend";
  static final Set<String> NAMES = Set.of(CSV, GOOGLE_ANALYTICS, SPEND);

  private UploadFormats() {}
}
