package io.nexus.server.ratelimit.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.nexus.server.ratelimit.internal.BucketStore.Decision;
import io.nexus.server.ratelimit.internal.RateLimitSettings.Limit;
import io.nexus.server.security.Caller;
import io.nexus.server.security.CurrentCaller;
import io.nexus.server.security.Scope;
import io.nexus.server.security.ScopeRules;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.FilterRefusals;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Takes a token from the caller's bucket for the scope of each API call, after the caller is known (the caller filter
 * runs at {@code HIGHEST_PRECEDENCE + 10}): by key, or with authentication off by the default tenant's client address.
 * Every limited answer carries {@code RateLimit-Policy} and {@code RateLimit} (draft-ietf-httpapi-ratelimit-headers);
 * a caller with no token left gets 429 with {@code Retry-After}, before the body is read.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RateLimitFilter extends OncePerRequestFilter {
  private final BucketStore store;
  private final FilterRefusals refusals;
  private final CurrentCaller callers;
  private final Map<Scope, Limit> limits;
  private final Map<Scope, BucketConfiguration> configurations = new EnumMap<>(Scope.class);
  private final UrlPathHelper urls = new UrlPathHelper();

  RateLimitFilter(BucketStore store, RateLimitSettings settings, FilterRefusals refusals, CurrentCaller callers) {
    this.store = store;
    this.refusals = refusals;
    this.callers = callers;
    this.limits = settings.limits();
    limits.forEach((scope, limit) -> configurations.put(scope, BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(limit.requests()).refillGreedy(limit.requests(), limit.window())
            .build())
        .build()));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Scope> scope = ScopeRules.required(request.getMethod(), urls.getPathWithinApplication(request));
    if (scope.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    Limit limit = limits.get(scope.get());
    String policy = scope.get().label();
    Optional<Decision> decision = store.consume(policy + ":" + who(request), configurations.get(scope.get()));
    if (decision.isEmpty()) {
      // The shared store is out of reach: let the request through rather than refuse every caller.
      chain.doFilter(request, response);
      return;
    }
    Decision d = decision.get();
    response.setHeader("RateLimit-Policy", "\"" + policy + "\";q=" + limit.requests() + ";w="
        + Math.max(1, limit.window().toSeconds()));
    response.setHeader("RateLimit", "\"" + policy + "\";r=" + d.remaining() + ";t=" + seconds(d.nanosToFull()));
    if (d.allowed()) {
      chain.doFilter(request, response);
      return;
    }
    long retryAfter = Math.max(1, seconds(d.nanosToNextToken()));
    refusals.answer(request, response, new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
        "more than " + limit.requests() + " '" + policy + "' requests in " + limit.window().toSeconds()
            + " s for this caller (nexus.rate-limit.scopes." + policy + "); retry after " + retryAfter + " s",
        List.of()).retryAfter((int) Math.min(Integer.MAX_VALUE, retryAfter)));
  }

  /** The bucket's owner: the tenant and key, or with no key the tenant and the client's address. */
  private String who(HttpServletRequest request) {
    Caller caller = callers.find().orElse(Caller.anonymous());
    return caller.tenant().value() + ":" + caller.key().map(Object::toString)
        .orElseGet(() -> "addr:" + request.getRemoteAddr());
  }

  private static long seconds(long nanos) {
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }
}
