package io.nexus.server.web;

import java.util.Map;

/**
 * A part of the service that reports its health under {@code GET /api/v1/attribution/health}; implementations are
 * beans of the module that owns the part and must be thread-safe.
 */
public interface HealthCheck {

  /** The component's name in the health answer, such as {@code cache}. */
  String name();

  /** Whether the service can answer without this part (then its being down makes the service DEGRADED, not DOWN). */
  boolean optional();

  /** The component's {@code status} ({@code UP} or {@code DOWN}) and details. */
  Map<String, Object> check();
}
