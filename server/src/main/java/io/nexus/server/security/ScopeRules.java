package io.nexus.server.security;

import java.util.Optional;

/**
 * Which scope a request needs, from its method and path: {@code admin} for the admin API, deletes, changes to
 * channels and models, and platform integrations (which use the platforms' credentials); {@code ingest} for new
 * journeys, touchpoints, conversions and imports; {@code read} for every other API call. Health, the OpenAPI document and the service's pages need none.
 */
public final class ScopeRules {
  private static final String API = "/api/";
  private static final String ATTRIBUTION = "/api/v1/attribution/";

  private ScopeRules() {}

  /** The scope {@code method} on {@code path} needs, empty when the path is open to everyone. */
  public static Optional<Scope> required(String method, String path) {
    if (path.equals("/health") || path.equals("/api/v1/attribution/health") || path.equals("/actuator/health")
        || path.startsWith("/actuator/health/")) {
      return Optional.empty();
    }
    if (path.startsWith("/actuator")) {
      return Optional.of(Scope.ADMIN);
    }
    if (!path.startsWith(API)) {
      return Optional.empty();
    }
    if (path.startsWith("/api/v1/admin/") || path.equals("/api/v1/admin") || "DELETE".equals(method)
        || under(path, "integrations")) {
      return Optional.of(Scope.ADMIN);
    }
    boolean reads = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    if (!reads && (under(path, "channels") || under(path, "models"))) {
      return Optional.of(Scope.ADMIN);
    }
    if ("POST".equals(method) && (under(path, "journeys") || under(path, "touchpoints")
        || under(path, "conversions") || under(path, "imports"))) {
      return Optional.of(Scope.INGEST);
    }
    return Optional.of(Scope.READ);
  }

  private static boolean under(String path, String resource) {
    String base = ATTRIBUTION + resource;
    return path.equals(base) || path.startsWith(base + "/");
  }
}
