package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Meta Ads imports and pushes on the real PostgreSQL of this machine, in a database of its own. */
class MetaAdsOnPostgresTest extends MetaAdsContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshPostgres(registry);
    meta(registry);
  }
}
