/** The demo data set that {@code bin/nexus serve --demo} loads into an empty database. */
package io.nexus.server.demo;
