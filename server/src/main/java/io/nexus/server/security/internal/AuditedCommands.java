package io.nexus.server.security.internal;

import io.nexus.server.persistence.AuditTrail;
import io.nexus.server.persistence.TenantContext;
import io.nexus.server.persistence.TenantId;
import io.nexus.server.security.KeyPrefix;
import io.nexus.server.security.Scope;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The changes {@code bin/nexus keys|tenants} makes, each stored in one transaction with its audit log entry (actor
 * {@code cli:} and the operating-system user; target the tenant or the key's prefix, never the key), so that a change
 * is never stored without its entry. A change refused (the tenant exists already, no such key) stores only its
 * entry, with outcome {@code refused}. Each runs for the tenant concerned, entered before the transaction begins.
 */
public class AuditedCommands {
  private static final int LONGEST_ACTOR = 80;

  private final ApiKeys keys;
  private final ApiKeyRepository storedKeys;
  private final TenantRepository tenants;
  private final AuditTrail trail;
  private final TransactionTemplate transactions;
  private final String actor;

  AuditedCommands(ApiKeys keys, ApiKeyRepository storedKeys, TenantRepository tenants, AuditTrail trail,
      PlatformTransactionManager transactions) {
    this.keys = keys;
    this.storedKeys = storedKeys;
    this.tenants = tenants;
    this.trail = trail;
    this.transactions = new TransactionTemplate(transactions);
    String actor = "cli:" + System.getProperty("user.name", "unknown");
    this.actor = actor.length() > LONGEST_ACTOR ? actor.substring(0, LONGEST_ACTOR) : actor;
  }

  /** Creates a key of {@code tenant} (which exists), recording its prefix. */
  public ApiKeys.Issued createKey(TenantId tenant, Set<Scope> scopes, String name, Instant expiresAt, Instant now) {
    return inTransactionOf(tenant, () -> {
      ApiKeys.Issued issued = keys.create(tenant, scopes, name, expiresAt, now);
      trail.record(tenant, actor, "keys create", issued.stored().prefix().value(), "succeeded");
      return issued;
    });
  }

  /** Revokes the usable key with {@code prefix}, of whichever tenant; false (and recorded refused) when none. */
  public boolean revokeKey(KeyPrefix prefix, Instant now) {
    Optional<TenantId> tenant = storedKeys.find(prefix).map(StoredKey::tenant);
    boolean revoked = tenant.isPresent() && inTransactionOf(tenant.get(), () -> succeeded(tenant.get(),
        "keys revoke", prefix.value(), keys.revoke(prefix, tenant, now)));
    return revoked || refused(tenant.orElse(null), "keys revoke", prefix.value());
  }

  /** Creates {@code tenant}; false (and recorded refused) when it exists already. */
  public boolean createTenant(TenantId tenant) {
    return inTransactionOf(tenant, () -> succeeded(tenant, "tenants create", tenant.value(), tenants.create(tenant)))
        || refused(tenant, "tenants create", tenant.value());
  }

  /** Deletes {@code tenant} with all its data; false (and recorded refused) when there is none. */
  public boolean deleteTenant(TenantId tenant) {
    return inTransactionOf(tenant, () -> succeeded(tenant, "tenants delete", tenant.value(), tenants.delete(tenant)))
        || refused(tenant, "tenants delete", tenant.value());
  }

  private <T> T inTransactionOf(TenantId tenant, Supplier<T> work) {
    return TenantContext.callAs(tenant, () -> transactions.execute(status -> work.get()));
  }

  private boolean succeeded(TenantId tenant, String action, String target, boolean changed) {
    if (changed) {
      trail.record(tenant, actor, action, target, "succeeded");
    }
    return changed;
  }

  /** Records a refusal on its own, after the transaction that changed nothing (on PostgreSQL it may be aborted). */
  private boolean refused(TenantId tenant, String action, String target) {
    trail.record(tenant, actor, action, target, "refused");
    return false;
  }
}
