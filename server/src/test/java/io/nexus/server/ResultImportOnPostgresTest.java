package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Imports of results on the real PostgreSQL of this machine, in a database of its own. */
class ResultImportOnPostgresTest extends ResultImportContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    String url = Databases.freshPostgres();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", Databases::postgresUser);
    registry.add("spring.datasource.password", () -> "");
  }
}
