package io.nexus.server.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * The transaction manager of the service and of {@code bin/nexus keys|tenants}: Spring's JDBC one (Spring Boot's steps
 * aside for it) which, on PostgreSQL, sets the thread's tenant as each transaction begins with
 * {@code set_config('app.tenant_id', ?, true)}. The setting is transaction-local (like SET LOCAL): the row-level
 * security policies see the tenant the transaction began with, and commit or rollback undo it, so nothing of it
 * outlives the transaction on a pooled connection. {@link TenantContext#enter} refuses another tenant while the
 * transaction is open.
 */
@Configuration(proxyBeanMethods = false)
public class TenantTransactions {
  @Bean
  JdbcTransactionManager transactionManager(DataSource dataSource, DatabaseProduct database) {
    return new JdbcTransactionManager(dataSource) {
      @Override
      protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition)
          throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        if (database.isPostgres()) {
          scope(con);
        }
      }
    };
  }

  /** Makes the transaction just begun on {@code con} act for the thread's tenant, or for none. */
  private static void scope(Connection con) throws SQLException {
    try (PreparedStatement s = con.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
      s.setString(1, Objects.requireNonNullElse(TenantContext.currentValue(), ""));
      s.execute();
    }
  }
}
