package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The data-driven model without an AI provider, on the real PostgreSQL of this machine, in a database of its own. */
class AiUnconfiguredOnPostgresTest extends AiUnconfiguredContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshPostgres(registry);
    noProvider(registry);
  }
}
