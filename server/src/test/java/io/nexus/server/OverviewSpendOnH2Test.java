package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The overview's spend by channel ROI's cost rule on the embedded default: H2 in PostgreSQL mode. */
class OverviewSpendOnH2Test extends OverviewSpendContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }
}
