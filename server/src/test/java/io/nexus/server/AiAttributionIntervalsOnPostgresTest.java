package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Model 6's bootstrap intervals against the Messages API stub, on the real PostgreSQL of this machine, in a database of its own. */
class AiAttributionIntervalsOnPostgresTest extends AiAttributionIntervalsContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshPostgres(registry);
    provider(registry);
  }
}
