package io.nexus.server.ratelimit.internal;

import io.nexus.server.ratelimit.internal.RateLimitSettings.Limit;
import io.nexus.server.security.CurrentCaller;
import io.nexus.server.web.FilterRefusals;
import io.nexus.server.web.HealthCheck;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rate limiter, on by default ({@code NEXUS_RATE_LIMIT=false} turns it off), and its bucket store. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitSettings.class)
@ConditionalOnProperty(prefix = "nexus.rate-limit", name = "enabled", matchIfMissing = true)
class RateLimitConfiguration {

  @Bean
  BucketStore bucketStore(RateLimitSettings settings,
      @Value("${spring.data.redis.url:redis://127.0.0.1:6379}") String redisUrl,
      @Value("${spring.data.redis.timeout:1s}") Duration timeout) {
    if (settings.store().equals("redis")) {
      return new RedisBuckets(redisUrl, timeout);
    }
    Duration longest = Stream.concat(settings.limits().values().stream(), Stream.of(settings.failedAuthentication()))
        .map(Limit::window).max(Comparator.naturalOrder()).orElse(Duration.ofMinutes(1));
    return new LocalBuckets(longest);
  }

  @Bean
  RateLimitFilter rateLimitFilter(BucketStore store, RateLimitSettings settings, FilterRefusals refusals,
      CurrentCaller callers) {
    return new RateLimitFilter(store, settings, refusals, callers);
  }

  @Bean
  FailedAuthenticationFilter failedAuthenticationFilter(BucketStore store, RateLimitSettings settings,
      FilterRefusals refusals) {
    return new FailedAuthenticationFilter(store, settings, refusals);
  }

  @Bean
  HealthCheck rateLimitHealth(BucketStore store) {
    return new HealthCheck() {
      @Override
      public String name() {
        return "rate_limits";
      }

      @Override
      public boolean optional() {
        return true;
      }

      @Override
      public Map<String, Object> check() {
        return store.health();
      }
    };
  }
}
