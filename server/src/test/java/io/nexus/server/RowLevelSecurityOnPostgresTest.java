package io.nexus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nexus.server.persistence.TenantContext;
import io.nexus.server.persistence.TenantId;
import io.nexus.server.security.internal.TenantRepository;
import io.nexus.server.support.Databases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On PostgreSQL the database isolates tenants by itself: queries that forget their tenant filter see only the
 * current tenant's rows, or none without a tenant, and the service's role owns nothing it could switch that off with.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowLevelSecurityOnPostgresTest {
  private static final TenantId A = new TenantId("rls-a");
  private static final TenantId B = new TenantId("rls-b");

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  TenantRepository tenants;

  private long journeyOfB;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    Databases.useFreshPostgres(registry);
  }

  @BeforeAll
  void aJourneyOfB() {
    tenants.create(A);
    tenants.create(B);
    journeyOfB = TenantContext.callAs(B, () -> {
      jdbc.update("INSERT INTO journeys (id, user_id, start_time, end_time) VALUES (nextval('journey_ids'), "
          + "'b-user', now(), now())");
      return jdbc.queryForObject("SELECT MAX(id) FROM journeys", Long.class);
    });
  }

  @Test
  void anUnfilteredQueryReturnsNothingOfAnotherTenant() {
    TenantContext.runAs(A, () -> {
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journeys", Long.class)).isZero();
      assertThat(jdbc.queryForList("SELECT id FROM journeys WHERE id = ?", journeyOfB)).isEmpty();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM channels WHERE tenant_id = 'rls-b'", Long.class)).isZero();
    });
    TenantContext.runAs(B, () ->
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journeys", Long.class)).isEqualTo(1));
  }

  @Test
  void unfilteredWritesLeaveAnotherTenantsRowsAlone() {
    TenantContext.runAs(A, () -> {
      assertThat(jdbc.update("UPDATE journeys SET user_id = 'stolen'")).isZero();
      assertThat(jdbc.update("DELETE FROM journeys")).isZero();
      assertThatThrownBy(() -> jdbc.update("INSERT INTO journeys (id, user_id, start_time, end_time, tenant_id) "
          + "VALUES (nextval('journey_ids'), 'forged', now(), now(), 'rls-b')"))
          .rootCause().hasMessageContaining("row-level security");
    });
    TenantContext.runAs(B, () -> assertThat(jdbc.queryForObject("SELECT user_id FROM journeys WHERE id = ?",
        String.class, journeyOfB)).isEqualTo("b-user"));
  }

  @Test
  void workWithoutATenantSeesNoTenantsRows() {
    assertThat(TenantContext.find()).isEmpty();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journeys", Long.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM channels", Long.class)).isZero();
  }

  @Test
  void theServiceWorksAsARoleThatOwnsNothingAndCannotBypassThePolicies() {
    assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("nexus_app");
    assertThat(jdbc.queryForObject("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user",
        Boolean.class)).isFalse();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
        + "WHERE r.rolname = current_user AND c.relnamespace = 'public'::regnamespace", Long.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_class WHERE relname IN ('journeys', 'touchpoints', "
        + "'conversions', 'channels', 'attribution_models', 'attribution_results', 'attribution_jobs', "
        + "'attribution_job_errors', 'idempotency_keys', 'imported_journeys') AND relrowsecurity AND "
        + "relforcerowsecurity", Long.class)).isEqualTo(10);
  }

  @Test
  void everyTableWhoseRowsBelongToATenantHasForcedRowLevelSecurity() {
    // api_keys is the one tenant column without a policy: a key is looked up before its tenant is known.
    String tenantTables = "SELECT c.table_name FROM information_schema.columns c JOIN pg_class t "
        + "ON t.relname = c.table_name AND t.relnamespace = 'public'::regnamespace WHERE c.table_schema = 'public' "
        + "AND c.column_name = 'tenant_id' AND c.is_nullable = 'NO' AND c.table_name <> 'api_keys'";
    assertThat(jdbc.queryForList(tenantTables, String.class)).contains("journeys", "lift_tests", "ai_answers");
    assertThat(jdbc.queryForList(tenantTables + " AND NOT (t.relrowsecurity AND t.relforcerowsecurity)",
        String.class)).isEmpty();
  }
}
