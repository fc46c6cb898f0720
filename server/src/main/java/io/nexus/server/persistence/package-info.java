/**
 * Database plumbing under every module's repositories: which database the service runs on, id blocks and bulk row
 * writes (binary COPY on PostgreSQL), timestamp columns independent of the JVM's zone, and recognising a database
 * out of reach. Uses no other module.
 */
@ApplicationModule(allowedDependencies = {})
package io.nexus.server.persistence;

import org.springframework.modulith.ApplicationModule;
