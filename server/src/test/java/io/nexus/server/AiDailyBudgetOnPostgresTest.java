package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The tenant's daily budget of AI provider calls, on the real PostgreSQL of this machine, in a database of its own. */
class AiDailyBudgetOnPostgresTest extends AiDailyBudgetContract {

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    Databases.useFreshPostgres(registry);
    provider(registry);
  }
}
