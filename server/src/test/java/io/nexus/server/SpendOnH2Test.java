package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Platform spend and the cost-source rule of channel ROI on the embedded default: H2 in PostgreSQL mode. */
class SpendOnH2Test extends SpendContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }
}
