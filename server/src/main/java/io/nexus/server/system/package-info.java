/**
 * Cross-cutting service plumbing: RFC 9457 problem answers, JSON settings, health, OpenAPI and API metrics. Other
 * modules throw {@link io.nexus.server.system.ApiException}.
 */
package io.nexus.server.system;
