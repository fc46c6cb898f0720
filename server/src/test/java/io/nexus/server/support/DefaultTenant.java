package io.nexus.server.support;

import io.nexus.server.persistence.TenantContext;
import io.nexus.server.persistence.TenantId;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs each test as the default tenant, the one a service with authentication off serves: the test's own SQL then
 * sees what the API stored (on PostgreSQL, row-level security shows a thread without a tenant nothing).
 */
public final class DefaultTenant implements BeforeEachCallback, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DefaultTenant.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NAMESPACE).put("entered", TenantContext.enter(TenantId.DEFAULT));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TenantContext.Entered entered = context.getStore(NAMESPACE).remove("entered", TenantContext.Entered.class);
    if (entered != null) {
      entered.close();
    }
  }
}
