package io.nexus.server.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The authentication mode ({@code NEXUS_AUTH}) checked against the address the service listens on
 * ({@code NEXUS_BIND} / {@code server.address}). Unset, the mode is {@code off}; like Redis's protected mode, a
 * service that would then answer anyone on the network without keys refuses to start, unless {@code NEXUS_AUTH=off}
 * was set on purpose.
 */
@Component
class AuthSettings {
  private static final Logger log = LoggerFactory.getLogger(AuthSettings.class);

  AuthSettings(@Value("${nexus.security.auth:}") String mode, @Value("${server.address:}") String address) {
    if (mode(mode) == AuthMode.OFF && !isLoopback(address)) {
      if (mode.isBlank()) {
        throw new InsecureBindException(address);
      }
      log.warn("NEXUS_AUTH=off on {}: anyone who can reach this address can read and delete every journey",
          address == null || address.isBlank() ? "every interface" : address);
    }
  }

  /** The mode {@code text} names; blank is the default, {@code off}. */
  static AuthMode mode(String text) {
    if (text == null || text.isBlank()) {
      return AuthMode.OFF;
    }
    try {
      return AuthMode.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("NEXUS_AUTH (nexus.security.auth) must be off or required, not '" + text + "'",
          e);
    }
  }

  static boolean isLoopback(String address) {
    if (address == null || address.isBlank()) {
      return false; // No address: every interface.
    }
    try {
      return InetAddress.getByName(address.strip()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The service would listen beyond this machine with authentication off. */
  static final class InsecureBindException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InsecureBindException(String address) {
      super("refusing to listen on " + (address == null || address.isBlank() ? "every interface" : address)
          + " with authentication off (NEXUS_AUTH unset): anyone on the network could read and delete every journey");
    }
  }
}
