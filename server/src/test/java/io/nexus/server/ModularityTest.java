package io.nexus.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each top-level package is a module that only uses other modules' public packages, without cycles. */
class ModularityTest {

  @Test
  void modulesRespectTheirBoundaries() {
    ApplicationModules.of(NexusApplication.class).verify();
  }
}
