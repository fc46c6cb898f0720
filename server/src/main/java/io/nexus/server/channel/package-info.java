/** The channel catalogue: GA4's default channel groups and the user's own channels, with their costs. */
@ApplicationModule(allowedDependencies = {"web", "persistence"})
package io.nexus.server.channel;

import org.springframework.modulith.ApplicationModule;
