package io.nexus.server.security.internal;

import io.nexus.server.persistence.TenantId;
import io.nexus.server.security.KeyPrefix;
import io.nexus.server.security.Scope;
import java.time.Instant;
import java.util.Set;

/** An API key as stored: everything but the key itself, which only its hash stands for. */
public record StoredKey(KeyPrefix prefix, TenantId tenant, String name, Set<Scope> scopes, String secretHash,
    Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
  /** Whether the key may be used at {@code now}: not revoked and not expired. */
  public boolean usableAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }
}
