package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Intervals in the reports on the real PostgreSQL of this machine, in a database of its own. */
class AnalyticsIntervalsOnPostgresTest extends AnalyticsIntervalsContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshPostgres(registry);
  }
}
