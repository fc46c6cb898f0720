package io.nexus.server.audit.internal;

import io.nexus.server.security.Caller;
import io.nexus.server.security.CurrentCaller;
import io.nexus.server.security.KeyPrefix;
import io.nexus.server.security.Scope;
import io.nexus.server.security.ScopeRules;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Records every request that changes something with the {@code admin} scope (channels, models, deletes, keys) once
 * it is answered, whatever the answer: it runs just before the caller filter so that refusals for a missing key or
 * scope are recorded too. The entry is written on its own, after the request's own transaction, so a refused or
 * failed request still leaves its entry; an entry that cannot be written is logged and does not change the answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 9)
class AuditFilter extends OncePerRequestFilter {
  /** The key prefix recorded with authentication off. */
  static final String LOCAL = "local";
  private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
  private static final int LONGEST_PATH = 500;

  private final AuditRepository entries;
  private final UrlPathHelper urls = new UrlPathHelper();

  AuditFilter(AuditRepository entries) {
    this.entries = entries;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
      return true;
    }
    return ScopeRules.required(method, urls.getPathWithinApplication(request)).filter(Scope.ADMIN::equals)
        .isEmpty();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Instant started = Instant.now();
    int status = 500;
    try {
      chain.doFilter(request, response);
      status = response.getStatus();
    } finally {
      record(request, started, status);
    }
  }

  private void record(HttpServletRequest request, Instant started, int status) {
    Caller caller = request.getAttribute(CurrentCaller.ATTRIBUTE) instanceof Caller c ? c : null;
    String tenant = caller == null ? null : caller.tenant().value();
    String key = caller == null ? presentedPrefix(request).orElse(null)
        : caller.key().map(KeyPrefix::value).orElse(LOCAL);
    String path = storable(request.getRequestURI().substring(request.getContextPath().length()));
    try {
      entries.add(AuditEntry.request(started, tenant, key, request.getMethod(), path, status));
    } catch (RuntimeException e) {
      log.warn("could not write the audit entry of {} {} ({}): {}", request.getMethod(), path, status,
          e.getMessage());
    }
  }

  /**
   * The path as sent (still percent-encoded, so that it shows what was asked for), at most 500 characters, any
   * control character or lone surrogate (which no database column takes) as {@code ?}.
   */
  static String storable(String path) {
    StringBuilder out = new StringBuilder(Math.min(path.length(), LONGEST_PATH));
    for (int i = 0; i < path.length() && out.length() < LONGEST_PATH; i++) {
      char c = path.charAt(i);
      out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
    }
    return out.toString();
  }

  /** The public prefix of a key that was presented but not accepted: never more of the key than that. */
  private static Optional<String> presentedPrefix(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    String key = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).strip() : request.getHeader("X-API-Key");
    if (key == null || key.length() < 11 || !KeyPrefix.isValid(key.substring(0, 11))) {
      return Optional.empty();
    }
    return Optional.of(key.substring(0, 11));
  }
}
