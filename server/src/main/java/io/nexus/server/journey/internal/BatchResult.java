package io.nexus.server.journey.internal;

import io.nexus.server.journey.StoredConversion;
import io.nexus.server.journey.StoredTouchpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a batch write: how many records were stored, how many were retries of records already stored, and
 * each record's id in request order.
 */
record BatchResult(int created, int duplicates, List<Item> items) {

  /** One record of the batch: its id, journey, position (touchpoints only) and whether it was a retry. */
  record Item(long id, long journeyId, Integer positionInJourney, String eventId, boolean duplicate) {}

  static BatchResult ofTouchpoints(Ingested<StoredTouchpoint> written) {
    List<Item> items = new ArrayList<>(written.records().size());
    for (int i = 0; i < written.records().size(); i++) {
      StoredTouchpoint t = written.records().get(i);
      items.add(new Item(t.id(), t.journeyId(), t.positionInJourney(), t.eventId(), written.duplicates().get(i)));
    }
    return new BatchResult(written.created(), items.size() - written.created(), items);
  }

  static BatchResult ofConversions(Ingested<StoredConversion> written) {
    List<Item> items = new ArrayList<>(written.records().size());
    for (int i = 0; i < written.records().size(); i++) {
      StoredConversion c = written.records().get(i);
      items.add(new Item(c.id(), c.journeyId(), null, c.eventId(), written.duplicates().get(i)));
    }
    return new BatchResult(written.created(), items.size() - written.created(), items);
  }
}
