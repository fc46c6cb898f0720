package io.nexus.server.security;

/** {@code NEXUS_AUTH}: whether API calls need a key. */
public enum AuthMode {
  /** Every call acts as the default tenant with every scope; only allowed on a loopback address. */
  OFF,
  /** Every API call needs a valid key with the scope it uses. */
  REQUIRED
}
