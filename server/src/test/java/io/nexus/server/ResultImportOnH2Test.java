package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Imports of results on the embedded default, H2. */
class ResultImportOnH2Test extends ResultImportContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    String url = Databases.freshH2();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "sa");
  }
}
