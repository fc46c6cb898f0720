package io.nexus.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Each top-level package is a module that uses only the modules (or their named interfaces) its package-info allows,
 * and only their public packages, without cycles.
 */
class ModularityTest {

  @Test
  void modulesUseOnlyWhatTheyDeclare() {
    ApplicationModules modules = ApplicationModules.of(NexusApplication.class);
    modules.verify();
    // The verified graph as diagrams and a canvas per module, under target/spring-modulith-docs (docs/modules.md).
    new Documenter(modules).writeDocumentation();
  }
}
