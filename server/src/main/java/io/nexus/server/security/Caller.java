package io.nexus.server.security;

import io.nexus.server.persistence.TenantId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who makes the current request: the tenant it acts for, the key it presented (none when authentication is off) and
 * the scopes it holds; immutable.
 */
public record Caller(TenantId tenant, Optional<KeyPrefix> key, Set<Scope> scopes) {
  /** A caller; the scopes are copied. */
  public Caller {
    scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
  }

  /** The caller of a service running with authentication off: the default tenant with every scope. */
  public static Caller anonymous() {
    return new Caller(TenantId.DEFAULT, Optional.empty(), EnumSet.allOf(Scope.class));
  }

  /** Whether the caller holds {@code scope}. */
  public boolean has(Scope scope) {
    return scopes.contains(scope);
  }
}
