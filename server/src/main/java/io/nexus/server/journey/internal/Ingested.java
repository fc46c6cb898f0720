package io.nexus.server.journey.internal;

import java.util.Collections;
import java.util.List;

/**
 * The records an ingest request wrote, in request order, each marked when it was a retry of a stored event id;
 * immutable.
 *
 * @param records the records as stored (a retry's is the one stored the first time)
 * @param duplicates for each record, whether it was a retry
 * @param created how many records this request stored
 * @param <T> the record type
 */
record Ingested<T>(List<T> records, List<Boolean> duplicates, int created) {

  /** Records that were all stored by this request. */
  static <T> Ingested<T> allNew(List<T> records) {
    return new Ingested<>(records, Collections.nCopies(records.size(), false), records.size());
  }
}
