package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The OpenAPI fuzz test on the embedded default: H2 in PostgreSQL mode. */
class OpenApiFuzzOnH2Test extends OpenApiFuzzContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }

  @Override
  boolean postgres() {
    return false;
  }
}
