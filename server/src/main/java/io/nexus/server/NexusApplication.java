package io.nexus.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The NEXUS Attribution service. */
@SpringBootApplication
public class NexusApplication {
  public static void main(String[] args) {
    // Timestamps are instants everywhere; a server's local zone must never leak into stored or shown times.
    java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
    SpringApplication.run(NexusApplication.class, args);
  }
}
