package io.nexus.server.persistence;

import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tenants there are, for housekeeping that runs for each of them in turn (a tenant's rows are only visible to work
 * done for it); thread-safe.
 */
@Component
public class TenantDirectory {
  private final JdbcClient jdbc;

  TenantDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every tenant, by name. */
  public List<TenantId> all() {
    return jdbc.sql("SELECT id FROM tenants ORDER BY id").query((rs, n) -> new TenantId(rs.getString(1))).list();
  }

  /** Runs {@code work} once for each tenant, as that tenant. */
  public void forEach(Consumer<TenantId> work) {
    for (TenantId tenant : all()) {
      TenantContext.runAs(tenant, () -> work.accept(tenant));
    }
  }
}
