package io.nexus.server.journey;

import java.util.List;
import org.springframework.modulith.NamedInterface;

/** Stores whole journeys in bulk, for demo data and imports; thread-safe. */
@NamedInterface("imports")
public interface JourneyImport {

  /** Stores the journeys with their touchpoints and conversions in one transaction; returns their ids. */
  List<Long> importJourneys(List<ImportedJourney> journeys);

  /** Whether no journey is stored yet. */
  boolean isEmpty();
}
