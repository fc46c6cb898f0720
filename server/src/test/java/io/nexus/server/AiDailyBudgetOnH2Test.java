package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The tenant's daily budget of AI provider calls, on the embedded default: H2 in PostgreSQL mode. */
class AiDailyBudgetOnH2Test extends AiDailyBudgetContract {

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
    provider(registry);
  }
}
