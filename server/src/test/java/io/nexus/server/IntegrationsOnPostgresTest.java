package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Platform integrations on the real PostgreSQL of this machine, in a database of its own. */
class IntegrationsOnPostgresTest extends IntegrationsContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshPostgres(registry);
  }
}
