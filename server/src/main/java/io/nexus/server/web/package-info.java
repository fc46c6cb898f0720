/**
 * The HTTP edge every module shares: RFC 9457 problem answers ({@link io.nexus.server.web.ApiException},
 * {@link io.nexus.server.web.FieldProblem}), strict JSON reading within the request limits, the constraints of what
 * the database can store ({@link io.nexus.server.web.Numeric}, {@link io.nexus.server.web.StorableTime},
 * {@link io.nexus.server.web.StorableText}, {@link io.nexus.server.web.JsonLength}), date filters, Idempotency-Key
 * replays, health and the OpenAPI document.
 */
@ApplicationModule(allowedDependencies = "persistence")
package io.nexus.server.web;

import org.springframework.modulith.ApplicationModule;
