package io.nexus.server.persistence;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Drops the pool's idle connections once one turned out dead. After a database restart or a mass termination they
 * all are, and Hikari does not check a connection used in the last half second before lending it again, so each
 * would fail one more request; evicted, they are replaced by fresh ones as requests need them.
 */
@Component
public class DeadConnections {
  private final DataSource dataSource;

  DeadConnections(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Evicts the pool's idle connections when {@code failure} says a connection was lost. */
  public void evictIdleAfter(Throwable failure) {
    if (DatabaseFailures.connectionLost(failure) && dataSource instanceof HikariDataSource hikari) {
      HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
      if (pool != null) {
        pool.softEvictConnections();
      }
    }
  }
}
