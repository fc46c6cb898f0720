package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The isolation matrix on PostgreSQL, where row-level security backs the repositories' tenant filters. */
class IsolationMatrixOnPostgresTest extends IsolationMatrixContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshPostgres(registry);
  }
}
