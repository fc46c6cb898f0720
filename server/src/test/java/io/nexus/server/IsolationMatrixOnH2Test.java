package io.nexus.server;

import io.nexus.server.support.Databases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The isolation matrix on the embedded default: H2, where the repositories' tenant filters are the whole defence. */
class IsolationMatrixOnH2Test extends IsolationMatrixContract {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshH2(registry);
  }
}
