package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The data-driven model without an AI provider, on the embedded default: H2 in PostgreSQL mode. */
class AiUnconfiguredOnH2Test extends AiUnconfiguredContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
    noProvider(registry);
  }
}
