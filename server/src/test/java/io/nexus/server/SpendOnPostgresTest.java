package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Platform spend and the cost-source rule of channel ROI on the real PostgreSQL of this machine, in a database of its own. */
class SpendOnPostgresTest extends SpendContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshPostgres(registry);
  }
}
