package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** GA4 imports from BigQuery on the real PostgreSQL of this machine, in a database of its own. */
class Ga4ImportOnPostgresTest extends Ga4ImportContract {

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    Databases.useFreshPostgres(registry);
    google(registry);
  }
}
