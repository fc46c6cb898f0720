package io.nexus.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/** The API key a request presents, in {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. */
public final class PresentedKey {
  static final String API_KEY_HEADER = "X-API-Key";
  private static final String BEARER = "Bearer ";

  private PresentedKey() {}

  /** The key {@code request} presents, unverified; empty when it presents none. */
  public static Optional<String> of(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.of(authorization.substring(BEARER.length()).strip());
    }
    String header = request.getHeader(API_KEY_HEADER);
    return header == null || header.isBlank() ? Optional.empty() : Optional.of(header.strip());
  }
}
