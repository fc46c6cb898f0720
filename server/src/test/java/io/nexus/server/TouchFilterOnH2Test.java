package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The touch filter on every report on the embedded default: H2 in PostgreSQL mode with the Caffeine cache. */
class TouchFilterOnH2Test extends TouchFilterContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }
}
