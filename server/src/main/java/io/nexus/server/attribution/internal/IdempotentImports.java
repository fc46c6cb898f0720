package io.nexus.server.attribution.internal;

import io.nexus.server.web.IdempotentEndpoints;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The import endpoint honours the Idempotency-Key header as well as its own journey keys. */
@Configuration(proxyBeanMethods = false)
class IdempotentImports {

  @Bean
  IdempotentEndpoints importEndpoints() {
    return new IdempotentEndpoints(Set.of(ResultImportController.PATH));
  }
}
