package io.nexus.server.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tenant the current thread works for: set by the security filter for each request, and by background work
 * (bulk jobs, housekeeping, the demo loader) for the tenant it runs for. Every repository filters by it, and on
 * PostgreSQL each transaction carries the tenant it began with to the row-level security policies, so the tenant
 * cannot change while a transaction is open on the thread.
 */
public final class TenantContext {
  private static final ThreadLocal<TenantId> CURRENT = new ThreadLocal<>();

  private TenantContext() {}

  /** Restores the tenant that was current before {@link #enter}; closing twice is harmless. */
  public interface Entered extends AutoCloseable {
    @Override
    void close();
  }

  /** The current thread's tenant; {@link IllegalStateException} when none is set (a bug: work outside a tenant). */
  public static TenantId current() {
    TenantId tenant = CURRENT.get();
    if (tenant == null) {
      throw new IllegalStateException("no tenant is set on this thread");
    }
    return tenant;
  }

  /** The current thread's tenant, if any. */
  public static Optional<TenantId> find() {
    return Optional.ofNullable(CURRENT.get());
  }

  /**
   * The current tenant's name, or {@code null}: the embedded H2's {@code current_tenant()} SQL function, default of
   * every tenant column (a row written outside a tenant breaks its NOT NULL constraint instead of landing anywhere).
   */
  public static String currentValue() {
    TenantId tenant = CURRENT.get();
    return tenant == null ? null : tenant.value();
  }

  /**
   * Makes {@code tenant} current until the answer is closed (use in try-with-resources). Refused with
   * {@link IllegalStateException} for another tenant while a transaction is open on this thread: the database would
   * go on working for the tenant the transaction began with (enter the tenant first, then begin the transaction).
   */
  public static Entered enter(TenantId tenant) {
    TenantId previous = CURRENT.get();
    if (!tenant.equals(previous) && TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("cannot enter tenant " + tenant + " inside a transaction begun for "
          + Objects.requireNonNullElse(previous, "no tenant") + ": enter it before the transaction begins");
    }
    CURRENT.set(tenant);
    CURRENT.set(tenant);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /** Runs {@code work} for {@code tenant}. */
  public static void runAs(TenantId tenant, Runnable work) {
    try (Entered ignored = enter(tenant)) {
      work.run();
    }
  }

  /** Computes {@code work} for {@code tenant}. */
  public static <T> T callAs(TenantId tenant, Supplier<T> work) {
    try (Entered ignored = enter(tenant)) {
      return work.get();
    }
  }

  /**
   * Runs {@code work} once per tenant of {@code owners} (things mapped to the tenant they belong to, such as the jobs
   * an instance runs), for that tenant and with its things.
   */
  public static <K> void forEachTenant(Map<K, TenantId> owners, Consumer<List<K>> work) {
    Map<TenantId, List<K>> byTenant = new HashMap<>();
    owners.forEach((thing, tenant) -> byTenant.computeIfAbsent(tenant, t -> new ArrayList<>()).add(thing));
    byTenant.forEach((tenant, things) -> runAs(tenant, () -> work.accept(things)));
  }
}
