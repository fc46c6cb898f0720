package io.nexus.server.security.internal;

import io.nexus.server.persistence.TenantId;
import io.nexus.server.persistence.TimestampColumns;
import io.nexus.server.security.KeyPrefix;
import io.nexus.server.security.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** SQL for {@code api_keys} and the {@code security_revision} every change to keys or tenants bumps. */
@Repository
public class ApiKeyRepository {
  private static final String COLUMNS = "prefix, tenant_id, name, scopes, secret_hash, created_at, expires_at, "
      + "last_used_at, revoked_at";

  private final JdbcClient jdbc;

  ApiKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new key. */
  @Transactional
  public void insert(StoredKey key) {
    jdbc.sql("INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)")
        .params(key.prefix().value(), key.tenant().value(), key.name(), labels(key.scopes()), key.secretHash(),
            TimestampColumns.param(key.createdAt()), TimestampColumns.param(key.expiresAt()))
        .update();
    bumpRevision();
  }

  /** The key with {@code prefix}, revoked or not. */
  public Optional<StoredKey> find(KeyPrefix prefix) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE prefix = ?").param(prefix.value())
        .query(ApiKeyRepository::row).optional();
  }

  /** The keys of {@code tenant}, or of every tenant when empty, oldest first. */
  public List<StoredKey> list(Optional<TenantId> tenant) {
    return tenant.map(t -> jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE tenant_id = ? ORDER BY created_at, "
            + "prefix").param(t.value()))
        .orElseGet(() -> jdbc.sql("SELECT " + COLUMNS + " FROM api_keys ORDER BY tenant_id, created_at, prefix"))
        .query(ApiKeyRepository::row).list();
  }

  /** Revokes the key with {@code prefix} of {@code tenant} (any tenant when empty); whether one was revoked now. */
  @Transactional
  public boolean revoke(KeyPrefix prefix, Optional<TenantId> tenant, Instant now) {
    int changed = jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE prefix = ? AND revoked_at IS NULL"
            + (tenant.isPresent() ? " AND tenant_id = ?" : ""))
        .params(tenant.isPresent()
            ? List.of(TimestampColumns.param(now), prefix.value(), tenant.get().value())
            : List.of(TimestampColumns.param(now), prefix.value()))
        .update();
    if (changed > 0) {
      bumpRevision();
    }
    return changed > 0;
  }

  /** Records when keys were last used (written in batches, not per request). */
  public void touch(Map<KeyPrefix, Instant> used) {
    used.forEach((prefix, at) -> jdbc.sql("UPDATE api_keys SET last_used_at = ? WHERE prefix = ?")
        .params(TimestampColumns.param(at), prefix.value()).update());
  }

  /** The current revision of keys and tenants. */
  public long revision() {
    return jdbc.sql("SELECT revision FROM security_revision WHERE id = 1").query(Long.class).single();
  }

  /** Moves the revision on: every instance drops the keys it verified. Inside the changing transaction. */
  public void bumpRevision() {
    jdbc.sql("UPDATE security_revision SET revision = revision + 1 WHERE id = 1").update();
  }

  static String labels(Set<Scope> scopes) {
    return scopes.stream().sorted().map(Scope::label).collect(Collectors.joining(","));
  }

  static Set<Scope> scopes(String labels) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String label : labels.split(",")) {
      if (!label.isBlank()) {
        scopes.add(Scope.of(label));
      }
    }
    return scopes;
  }

  private static StoredKey row(ResultSet rs, int n) throws SQLException {
    return new StoredKey(new KeyPrefix(rs.getString("prefix")), new TenantId(rs.getString("tenant_id")),
        rs.getString("name"), scopes(rs.getString("scopes")), rs.getString("secret_hash"),
        TimestampColumns.instant(rs, "created_at"), TimestampColumns.instant(rs, "expires_at"),
        TimestampColumns.instant(rs, "last_used_at"), TimestampColumns.instant(rs, "revoked_at"));
  }
}
