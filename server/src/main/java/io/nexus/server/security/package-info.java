/**
 * Who may do what: API keys with scopes ({@link io.nexus.server.security.Scope}), the
 * {@link io.nexus.server.security.Caller} of each request ({@link io.nexus.server.security.CurrentCaller}), the
 * authentication modes ({@code NEXUS_AUTH=off|required}) and the tenants, administered over REST and from
 * {@code bin/nexus keys|tenants}.
 */
@ApplicationModule(allowedDependencies = {"web", "persistence"})
package io.nexus.server.security;

import org.springframework.modulith.ApplicationModule;
