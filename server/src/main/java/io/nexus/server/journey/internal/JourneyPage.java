package io.nexus.server.journey.internal;

import io.nexus.server.journey.JourneySummary;
import java.util.List;

/**
 * One page of journeys as {@code GET /journeys} answers it; immutable.
 *
 * @param items the journeys of the page, in id order
 * @param page the page's number, from 0
 * @param size the most journeys a page holds
 * @param totalItems how many journeys the query selects
 * @param totalPages how many pages they fill
 */
record JourneyPage(List<JourneySummary> items, int page, int size, long totalItems, long totalPages) {
  JourneyPage {
    items = List.copyOf(items);
  }
}
