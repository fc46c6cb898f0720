package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** GA4 imports from BigQuery on the embedded default: H2 in PostgreSQL mode. */
class Ga4ImportOnH2Test extends Ga4ImportContract {

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
    google(registry);
  }
}
