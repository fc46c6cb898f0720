package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Model 6's bootstrap intervals against the Messages API stub, on the embedded default: H2 in PostgreSQL mode. */
class AiAttributionIntervalsOnH2Test extends AiAttributionIntervalsContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
    provider(registry);
  }
}
