/**
 * Platform integrations: journeys and costs taken from the platforms marketers already use. A
 * {@link io.nexus.server.integration.PlatformIntegration} per platform (Spring beans, or {@code ServiceLoader}
 * providers from jars on the class path), file uploads, and imports run as jobs whose platform event ids make a
 * re-import add nothing (docs/integrations.md).
 */
@ApplicationModule(allowedDependencies = {"journey :: imports", "channel", "web", "persistence"})
package io.nexus.server.integration;

import org.springframework.modulith.ApplicationModule;
