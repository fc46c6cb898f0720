package io.nexus.server.integration.internal;

import java.util.Set;

/** The platforms whose data arrives as uploaded files rather than fetched by a platform integration. */
final class UploadFormats {
  /** The command line's touchpoint columns, as CSV. */
  static final String CSV = "csv";
  static final Set<String> NAMES = Set.of(CSV);

  private UploadFormats() {}
}
