package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Insights written by rules, on the embedded default: H2 in PostgreSQL mode. */
class RuleInsightsOnH2Test extends RuleInsightsContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
    noProvider(registry);
  }
}
