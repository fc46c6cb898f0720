package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Insights written by Claude against the Messages API stub, on the embedded default: H2 in PostgreSQL mode. */
class AiInsightsOnH2Test extends AiInsightsContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
    provider(registry);
  }
}
