/**
 * The audit log: every admin action and delete (each change that needs the {@code admin} scope), who made it (tenant
 * and key prefix; {@code default}/{@code local} with authentication off), when and how it ended, refusals included,
 * kept in its own table and readable by the tenant's admin keys at {@code GET /api/v1/admin/audit}; the changes of
 * {@code bin/nexus keys|tenants} are written there through the persistence module's {@code AuditTrail}.
 */
@ApplicationModule(allowedDependencies = {"security", "web", "persistence"})
package io.nexus.server.audit;

import org.springframework.modulith.ApplicationModule;
