package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The overview's spend by channel ROI's cost rule on the real PostgreSQL of this machine, in a database of its own. */
class OverviewSpendOnPostgresTest extends OverviewSpendContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshPostgres(registry);
  }
}
