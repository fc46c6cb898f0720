package io.nexus.server.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every answer, refusals included: {@code X-Content-Type-Options: nosniff}, no framing, no
 * referrer; {@code Cache-Control: no-store} on everything but swagger-ui's static files, since API answers hold
 * customer data; and a Content-Security-Policy that allows nothing on API answers and, on swagger-ui's pages, only
 * the page's own scripts, styles, images and API calls.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeadersFilter extends OncePerRequestFilter {
  /** For JSON answers: nothing may load, run or frame them, even if a browser were fooled into rendering one. */
  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  /**
   * For swagger-ui: scripts only from the service itself (swagger-ui has no inline script); inline styles because
   * its React components set style attributes; images also as data: URIs (its icons).
   */
  static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; frame-ancestors 'none'; "
      + "base-uri 'none'; form-action 'self'";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean page = path.startsWith("/swagger-ui");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Content-Security-Policy", page ? PAGE_POLICY : API_POLICY);
    if (!page || path.endsWith(".html") || path.endsWith("swagger-initializer.js")) {
      response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    chain.doFilter(request, response);
  }

  /** Answers forwarded to the error page carry the headers too. */
  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }
}
