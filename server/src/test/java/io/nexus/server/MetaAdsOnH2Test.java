package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Meta Ads imports and pushes on the embedded default: H2 in PostgreSQL mode. */
class MetaAdsOnH2Test extends MetaAdsContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
    meta(registry);
  }
}
