package io.nexus.server.web;

import java.util.Set;

/**
 * POST endpoints of a module that honour the {@code Idempotency-Key} header: declare one as a bean and a retry of a
 * request with the same key answers the stored original instead of writing again; immutable.
 *
 * @param paths the endpoints' paths, exactly as requested ({@code /api/v1/attribution/journeys})
 */
public record IdempotentEndpoints(Set<String> paths) {
  /** Endpoints at {@code paths}. */
  public IdempotentEndpoints {
    paths = Set.copyOf(paths);
  }
}
