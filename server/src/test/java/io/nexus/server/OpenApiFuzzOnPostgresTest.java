package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The OpenAPI fuzz test on the real PostgreSQL of this machine, in a database of its own. */
class OpenApiFuzzOnPostgresTest extends OpenApiFuzzContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshPostgres(registry);
  }

  @Override
  boolean postgres() {
    return true;
  }
}
