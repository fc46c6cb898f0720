package io.nexus.spark;

import io.nexus.engine.Channel;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the first pass over the built chunks found: the channels on the journeys and the counts for the job summary;
 * model-sized (channels and partitions), never journey-sized. Mutable, confined to one task or the driver.
 */
final class ScanSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  final TreeSet<Channel> channels = new TreeSet<>();
  /** Journeys or path rows per partition, to number path rows in input order. */
  final Map<Integer, Long> rowsByPartition = new HashMap<>();
  long rowsRead;
  long rowsRejected;
  long users;
  long journeys;
  long converting;
  long touches;
  long expiredTouches;
  long unattributedConversions;

  ScanSummary add(JourneyChunk chunk) {
    var batch = chunk.batch;
    // The partition dictionary may hold channels of the partition's other chunks; only present ones count.
    boolean[] present = new boolean[batch.channels().size()];
    for (int t = 0, n = batch.touchCount(); t < n; t++) {
      present[batch.channel(t)] = true;
    }
    for (int c = 0; c < present.length; c++) {
      if (present[c]) {
        channels.add(batch.channels().channel(c));
      }
    }
    rowsByPartition.merge(chunk.partition, (long) batch.size(), Long::sum);
    rowsRead += chunk.rowsRead;
    rowsRejected += chunk.rowsRejected;
    users += chunk.users;
    journeys += batch.size();
    for (int row = 0; row < batch.size(); row++) {
      if (batch.conversions(row) > 0) {
        converting++;
      }
    }
    touches += batch.touchCount();
    expiredTouches += chunk.expiredTouches;
    unattributedConversions += chunk.unattributedConversions;
    return this;
  }

  ScanSummary merge(ScanSummary other) {
    channels.addAll(other.channels);
    other.rowsByPartition.forEach((p, n) -> rowsByPartition.merge(p, n, Long::sum));
    rowsRead += other.rowsRead;
    rowsRejected += other.rowsRejected;
    users += other.users;
    journeys += other.journeys;
    converting += other.converting;
    touches += other.touches;
    expiredTouches += other.expiredTouches;
    unattributedConversions += other.unattributedConversions;
    return this;
  }

  /** The number of rows of all partitions before {@code partition}, so that path rows are numbered 1, 2, ... */
  Map<Integer, Long> partitionOffsets() {
    Map<Integer, Long> offsets = new HashMap<>();
    long before = 0;
    for (int p : new TreeSet<>(rowsByPartition.keySet())) {
      offsets.put(p, before);
      before += rowsByPartition.get(p);
    }
    return offsets;
  }
}
