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
 * customer data; and a Content-Security-Policy that allows nothing on API answers and, on the service's pages
 * (swagger-ui and the dashboard), only the page's own scripts, styles, images and API calls. The dashboard's
 * versioned libraries under {@code /webjars/} may be kept by the browser; its own files are asked for again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeadersFilter extends OncePerRequestFilter {
  /** For JSON answers: nothing may load, run or frame them, even if a browser were fooled into rendering one. */
  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  /**
   * For swagger-ui and the dashboard: scripts only from the service itself (neither has an inline script); inline
   * styles because swagger-ui's React components and ECharts' tooltips set style attributes; images also as data:
   * URIs (swagger-ui's icons, the dashboard's PNG exports); blob: images for the dashboard's downloads.
   */
  static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; manifest-src 'self'; frame-ancestors 'none'; "
      + "base-uri 'none'; form-action 'self'";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean page = path.startsWith("/swagger-ui") || dashboard(path);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Content-Security-Policy", page ? PAGE_POLICY : API_POLICY);
    boolean library = path.startsWith("/swagger-ui") || path.startsWith("/webjars/");
    if (!library || path.endsWith(".html") || path.endsWith("swagger-initializer.js")) {
      response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    chain.doFilter(request, response);
  }

  /** The dashboard's page, its own scripts and styles, and the libraries it loads. */
  static boolean dashboard(String path) {
    return path.equals("/") || path.equals("/index.html") || path.startsWith("/dashboard/")
        || path.startsWith("/webjars/") || path.equals("/favicon.svg");
  }

  /** Answers forwarded to the error page carry the headers too. */
  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }
}
