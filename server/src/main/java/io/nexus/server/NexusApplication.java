package io.nexus.server;

import io.nexus.server.security.AdminCommands;
import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The NEXUS Attribution service. Its feature modules are the packages below this one; scheduling runs their periodic
 * housekeeping (expiring idempotency keys, bulk job heartbeats and their reaper).
 */
@SpringBootApplication
@EnableScheduling
public class NexusApplication {
  public static void main(String[] args) {
    // Timestamps are instants everywhere; a server's local zone must never leak into stored or shown times.
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    if (AdminCommands.handles(args)) {
      // bin/nexus keys|tenants: administration straight in the database, without the web server.
      System.exit(AdminCommands.run(args));
    }
    SpringApplication.run(NexusApplication.class, args);
  }
}
