package io.nexus.server.journey.internal;

import io.nexus.server.web.IdempotentEndpoints;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ingest endpoints whose retries the Idempotency-Key header makes safe. */
@Configuration(proxyBeanMethods = false)
class IdempotentIngest {
  private static final String BASE = "/api/v1/attribution";

  @Bean
  IdempotentEndpoints ingestEndpoints() {
    return new IdempotentEndpoints(Set.of(BASE + "/journeys", BASE + "/journeys/batch", BASE + "/touchpoints",
        BASE + "/touchpoints/batch", BASE + "/conversions", BASE + "/conversions/batch"));
  }
}
