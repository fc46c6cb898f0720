/**
 * Cross-cutting service plumbing: RFC 9457 problem answers, strict JSON reading within the request limits, the
 * constraints of what the database can store ({@link io.nexus.server.system.Numeric},
 * {@link io.nexus.server.system.StorableTime}, {@link io.nexus.server.system.StorableText},
 * {@link io.nexus.server.system.JsonLength}), health, OpenAPI and API metrics. Other modules throw
 * {@link io.nexus.server.system.ApiException}.
 */
package io.nexus.server.system;
