package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Bad input on the embedded default: H2 in PostgreSQL mode. */
class BadInputOnH2Test extends BadInputContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    String url = Databases.freshH2();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "sa");
  }
}
