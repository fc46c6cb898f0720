package io.nexus.server.web.internal;

import io.nexus.server.web.ApiException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the origins of {@link CorsSettings} and for no other: a cross-origin request from a listed origin is
 * answered with the CORS headers (a preflight at once), one from any other origin with a 403 problem. With no
 * origins configured the filter does nothing, so no answer carries CORS headers and browsers keep other origins out.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@EnableConfigurationProperties(CorsSettings.class)
class CrossOriginFilter extends OncePerRequestFilter {
  private final CorsConfiguration config;
  private final DefaultCorsProcessor processor = new DefaultCorsProcessor();
  private final FilterProblems problems;

  CrossOriginFilter(CorsSettings settings, FilterProblems problems) {
    this.problems = problems;
    if (settings.allowedOrigins().isEmpty()) {
      this.config = null;
      return;
    }
    config = new CorsConfiguration();
    config.setAllowedOrigins(settings.allowedOrigins());
    config.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
    config.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, "X-API-Key", HttpHeaders.CONTENT_TYPE,
        "Idempotency-Key"));
    config.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, "RateLimit", "RateLimit-Policy",
        "Idempotent-Replayed"));
    config.setAllowCredentials(false);
    config.setMaxAge(Duration.ofHours(1));
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return config == null || !CorsUtils.isCorsRequest(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (config.checkOrigin(origin) == null) {
      problems.answer(request, response, new ApiException(HttpStatus.FORBIDDEN, "Origin not allowed",
          "the origin " + origin + " is not among the origins allowed to call the API (nexus.cors.allowed-origins)",
          List.of()));
      return;
    }
    boolean valid = processor.processRequest(config, request, response);
    if (!valid || CorsUtils.isPreFlightRequest(request)) {
      return;
    }
    chain.doFilter(request, response);
  }
}
