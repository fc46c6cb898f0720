package io.nexus.server.integration.internal;

import io.nexus.server.integration.PlatformIntegration;
import io.nexus.server.web.IdempotentEndpoints;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Pushes honour the {@code Idempotency-Key} header: a retry whose first answer was lost gets that answer back
 * instead of sending every conversion again (the platform would drop the repeats by event id, but only after they
 * were sent, counted against its rate limits, and within its own deduplication window).
 */
@Configuration(proxyBeanMethods = false)
class IdempotentPushes {

  @Bean
  IdempotentEndpoints pushEndpoints(IntegrationRegistry registry) {
    return new IdempotentEndpoints(registry.all().values().stream().filter(PlatformIntegration::canPush)
        .map(integration -> IntegrationController.PATH + "/" + integration.platform() + "/push")
        .collect(Collectors.toSet()));
  }
}
