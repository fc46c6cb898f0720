package io.nexus.server.journey;

import java.util.List;
import org.springframework.modulith.NamedInterface;

/**
 * Published inside the transaction that changed journeys, their touchpoints or conversions; listeners act after the
 * commit. Immutable.
 *
 * @param journeyIds the journeys that changed
 */
@NamedInterface("events")
public record JourneysChanged(List<Long> journeyIds) {
  public JourneysChanged {
    journeyIds = List.copyOf(journeyIds);
  }
}
