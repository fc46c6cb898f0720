package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Insights written by rules, on the real PostgreSQL of this machine, in a database of its own. */
class RuleInsightsOnPostgresTest extends RuleInsightsContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshPostgres(registry);
    noProvider(registry);
  }
}
