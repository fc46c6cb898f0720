/**
 * Rate limits per caller: a token bucket for each key (with authentication off, each client address of the default
 * tenant) and scope, sized per scope, kept in process or shared through Redis; over the limit a request is answered
 * 429 with {@code Retry-After} and the IETF {@code RateLimit-Policy}/{@code RateLimit} headers. Redis out of reach
 * lets requests through and shows in the health answer.
 */
@ApplicationModule(allowedDependencies = {"web", "security", "persistence"})
package io.nexus.server.ratelimit;

import org.springframework.modulith.ApplicationModule;
