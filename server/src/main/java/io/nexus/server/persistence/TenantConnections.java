package io.nexus.server.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The service's data source on PostgreSQL: every connection it hands out acts as the service's role (which owns
 * nothing, so the row-level security policies bind it) for the tenant of the thread that takes it, or for no tenant
 * (it sees no tenant's rows) when the thread has none. Both are session settings made while the connection is in
 * auto-commit, before any transaction starts, and re-made only when they change, so a service serving one tenant
 * pays for them once per pooled connection. Inactive until {@link #activate()} (after the migrations, which run as
 * the owner); on H2 it does nothing. Outside transactions that is all; each transaction in addition sets its tenant
 * transaction-locally as it begins ({@link TenantTransactions}), whatever the pooled connection's session says.
 * Thread-safe.
 */
final class TenantConnections extends DelegatingDataSource {
  private final String role;
  private final Cache<Object, String> tenantOf = Caffeine.newBuilder().weakKeys().build();
  private volatile boolean active;
  private volatile Boolean postgres;

  TenantConnections(DataSource target, String role) {
    super(target);
    this.role = role;
  }

  /** From now on, connections act as the service's role for the current tenant. */
  void activate() {
    active = true;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return prepare(super.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return prepare(super.getConnection(username, password));
  }

  private Connection prepare(Connection c) throws SQLException {
    if (!active || !isPostgres(c)) {
      return c;
    }
    Object physical = c.unwrap(PGConnection.class);
    String tenant = Objects.requireNonNullElse(TenantContext.currentValue(), "");
    if (tenant.equals(tenantOf.getIfPresent(physical))) {
      return c;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT set_config('role', ?, false), "
        + "set_config('app.tenant_id', ?, false)")) {
      s.setString(1, role);
      s.setString(2, tenant);
      s.execute();
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (SQLException e) {
      tenantOf.invalidate(physical);
      c.close();
      throw e;
    }
    tenantOf.put(physical, tenant);
    return c;
  }

  private boolean isPostgres(Connection c) throws SQLException {
    Boolean known = postgres;
    if (known == null) {
      known = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
      postgres = known;
    }
    return known;
  }
}
