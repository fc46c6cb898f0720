/**
 * Platform integrations: journeys and costs taken from the platforms marketers already use. A
 * {@link io.nexus.server.integration.PlatformIntegration} per platform (Spring beans, or {@code ServiceLoader}
 * providers from jars on the class path), file uploads, imports run as jobs whose platform event ids make a re-import
 * add nothing, platform spend written to the spend module, and attribution results pushed back to platforms
 * (docs/integrations.md).
 */
@ApplicationModule(allowedDependencies = {"journey", "journey :: imports", "attribution", "channel",
    "spend", "web", "persistence"})
package io.nexus.server.integration;

import org.springframework.modulith.ApplicationModule;
