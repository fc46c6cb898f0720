/** The demo data set that {@code bin/nexus serve --demo} loads into an empty database. */
@ApplicationModule(allowedDependencies = {"channel", "journey :: imports", "persistence"})
package io.nexus.server.demo;

import org.springframework.modulith.ApplicationModule;
