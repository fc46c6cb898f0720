package io.nexus.spark;

import io.nexus.engine.Journey;
import io.nexus.engine.JourneyBatch;
import java.io.Serializable;
import java.util.List;

/**
 * Up to some tens of thousands of journeys (or path rows) of one partition in the engine's columnar form, with the
 * counts of what went into them; immutable once built and safe to read from many threads.
 *
 * <p>The batch's channel ids come from its partition's own dictionary; passes map them to the job's global
 * dictionary with {@link JourneyBatch#withChannels}.
 */
final class JourneyChunk implements Serializable {
  private static final long serialVersionUID = 1L;

  final int partition;
  final JourneyBatch batch;
  /** The journeys of the batch, row by row; {@code null} unless the service output needs them whole. */
  final List<Journey> journeys;
  /** Path input: the rows of the partition before this chunk's first row. */
  final long firstRow;
  final long rowsRead;
  final long rowsRejected;
  final long users;
  final long expiredTouches;
  final long unattributedConversions;

  JourneyChunk(int partition, JourneyBatch batch, List<Journey> journeys, long firstRow, long rowsRead, long rowsRejected,
      long users, long expiredTouches, long unattributedConversions) {
    this.partition = partition;
    this.batch = batch;
    this.journeys = journeys == null ? null : List.copyOf(journeys);
    this.firstRow = firstRow;
    this.rowsRead = rowsRead;
    this.rowsRejected = rowsRejected;
    this.users = users;
    this.expiredTouches = expiredTouches;
    this.unattributedConversions = unattributedConversions;
  }
}
