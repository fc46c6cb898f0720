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
    // The server this machine's tests share has 100 connections; a cached context need not hold ten idle ones.
    registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
  }
}
