package io.nexus.server.ratelimit.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.nexus.server.ratelimit.internal.BucketStore.Decision;
import io.nexus.server.ratelimit.internal.RateLimitSettings.Limit;
import io.nexus.server.security.PresentedKey;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.FilterRefusals;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits wrong API keys per client address. Every 401 answered to a request that presented a key takes a token from
 * the address's failure bucket (shared through Redis like the other buckets); once it is empty, every request from
 * that address presenting a key is answered 429 with {@code Retry-After} before the key is even looked at, the right
 * key included, so that guessing learns nothing and costs the service nothing. Runs before the caller filter, which
 * answers the 401s. Requests without a key are not counted: they guess nothing.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class FailedAuthenticationFilter extends OncePerRequestFilter {
  static final String POLICY = "failed_authentication";

  private final BucketStore store;
  private final FilterRefusals refusals;
  private final Limit limit;
  private final BucketConfiguration configuration;
  /**
   * Addresses out of failures, until when (System.nanoTime): checked in process so that blocked requests never wait
   * for Redis; another instance learns of a block at the address's next failure there.
   */
  private final Cache<String, Long> blockedUntil;

  FailedAuthenticationFilter(BucketStore store, RateLimitSettings settings, FilterRefusals refusals) {
    this.store = store;
    this.refusals = refusals;
    this.limit = settings.failedAuthentication();
    this.configuration = BucketConfiguration.builder().addLimit(Bandwidth.builder().capacity(limit.requests())
        .refillGreedy(limit.requests(), limit.window()).build()).build();
    this.blockedUntil = Caffeine.newBuilder().expireAfterWrite(limit.window()).maximumSize(100_000).build();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (PresentedKey.of(request).isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    String address = request.getRemoteAddr();
    Long until = blockedUntil.getIfPresent(address);
    long now = System.nanoTime();
    if (until != null && until - now > 0) {
      refuse(request, response, until - now);
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
      Optional<Decision> decision = store.consume(POLICY + ":addr:" + address, configuration);
      if (decision.isPresent() && !decision.get().allowed()) {
        blockedUntil.put(address, System.nanoTime() + Math.max(1_000_000_000L, decision.get().nanosToNextToken()));
      }
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, long nanos) {
    long retryAfter = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    refusals.answer(request, response, new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
        "more than " + limit.requests() + " requests with a wrong API key from this address in "
            + limit.window().toSeconds() + " s (nexus.rate-limit.failed-authentication); retry after " + retryAfter
            + " s", List.of()).retryAfter((int) Math.min(Integer.MAX_VALUE, retryAfter)));
  }
}
