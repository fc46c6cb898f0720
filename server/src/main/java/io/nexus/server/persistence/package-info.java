/**
 * Database plumbing under every module's repositories: which database the service runs on, id blocks and bulk row
 * writes (binary COPY on PostgreSQL), timestamp columns independent of the JVM's zone, recognising a database out of
 * reach, the thread's tenant and the connections and transactions that carry it to row-level security, and the audit
 * trail of command-line changes. Uses no other module.
 */
@ApplicationModule(allowedDependencies = {})
package io.nexus.server.persistence;

import org.springframework.modulith.ApplicationModule;
