package io.nexus.server.integration;

import io.nexus.engine.journey.UserEvent;
import java.util.Objects;

/**
 * One event as a platform reports it: the platform's own id for it, which makes a re-import add nothing, and the
 * event as the engine's journey builder reads it; immutable.
 *
 * @param eventId the platform's id of the event, unique within the platform, at most 200 characters
 * @param event the touch or conversion
 */
public record PlatformEvent(String eventId, UserEvent event) {

  public PlatformEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(event, "event");
    if (eventId.isBlank() || eventId.length() > 200) {
      throw new IllegalArgumentException("eventId must have 1 to 200 characters: " + eventId);
    }
  }
}
