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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On PostgreSQL a transaction works for the tenant the thread had when it began, set transaction-locally, whatever
 * the pooled connection carried before; entering another tenant while it is open is refused. The pool has one
 * connection, so that every transaction here reuses the same one.
 */
@SpringBootTest(properties = {"spring.datasource.hikari.maximum-pool-size=1", "nexus.jobs.heartbeat=PT1H"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantPerTransactionOnPostgresTest {
  private static final TenantId A = new TenantId("tx-a");
  private static final TenantId B = new TenantId("tx-b");

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  TransactionTemplate transactions;
  @Autowired
  TenantRepository tenants;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    String url = Databases.useFreshPostgres(registry);
    // Flyway holds two connections at once: it gets its own, so that the service's pool can be a single one.
    registry.add("spring.flyway.url", () -> url);
    registry.add("spring.flyway.user", Databases::postgresUser);
    registry.add("spring.flyway.password", () -> "");
  }

  @BeforeAll
  void oneJourneyOfAAndTwoOfB() {
    tenants.create(A);
    tenants.create(B);
    TenantContext.runAs(A, () -> journeys("a-user", 1));
    TenantContext.runAs(B, () -> journeys("b-user", 2));
  }

  private void journeys(String user, int count) {
    for (int i = 0; i < count; i++) {
      jdbc.update("INSERT INTO journeys (id, user_id, start_time, end_time) VALUES (nextval('journey_ids'), ?, now(), "
          + "now())", user);
    }
  }

  /** The journeys the current tenant's transaction sees, and the database session that ran it. */
  private record Seen(long journeys, int backend, String tenant) {}

  private Seen inATransaction() {
    return transactions.execute(status -> new Seen(jdbc.queryForObject("SELECT COUNT(*) FROM journeys", Long.class),
        jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class),
        jdbc.queryForObject("SELECT current_setting('app.tenant_id')", String.class)));
  }

  @Test
  void aConnectionReusedByAnotherTenantSeesOnlyThatTenantsRows() {
    Seen byA = TenantContext.callAs(A, this::inATransaction);
    Seen byB = TenantContext.callAs(B, this::inATransaction);
    assertThat(byB.backend()).isEqualTo(byA.backend());
    assertThat(byA).isEqualTo(new Seen(1, byA.backend(), "tx-a"));
    assertThat(byB).isEqualTo(new Seen(2, byA.backend(), "tx-b"));
  }

  @Test
  void aTransactionWorksForItsTenantEvenOnAConnectionWhoseSessionSaysAnother() {
    TenantContext.runAs(A, () -> {
      // The session now says B while the pool's bookkeeping still says A: the transaction alone puts A back.
      jdbc.queryForObject("SELECT set_config('app.tenant_id', 'tx-b', false)", String.class);
      try {
        assertThat(inATransaction().journeys()).isEqualTo(1);
      } finally {
        jdbc.queryForObject("SELECT set_config('app.tenant_id', 'tx-a', false)", String.class);
      }
    });
  }

  @Test
  void enteringAnotherTenantInsideATransactionIsRefused() {
    TenantContext.runAs(A, () -> transactions.executeWithoutResult(status -> {
      assertThatThrownBy(() -> TenantContext.runAs(B, () -> jdbc.queryForObject("SELECT 1", Integer.class)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot enter tenant tx-b inside a transaction begun for tx-a");
      assertThat(TenantContext.current()).isEqualTo(A);
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM journeys", Long.class)).isEqualTo(1);
    }));
  }

  @Test
  void reEnteringTheTransactionsOwnTenantIsAllowed() {
    long seen = TenantContext.callAs(A, () -> transactions.execute(status ->
        TenantContext.callAs(A, () -> jdbc.queryForObject("SELECT COUNT(*) FROM journeys", Long.class))));
    assertThat(seen).isEqualTo(1);
  }
}
