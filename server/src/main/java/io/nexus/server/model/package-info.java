/** Attribution model configurations: the default models and users' own, validated by the engine. */
@ApplicationModule(allowedDependencies = {"web", "persistence"})
package io.nexus.server.model;

import org.springframework.modulith.ApplicationModule;
