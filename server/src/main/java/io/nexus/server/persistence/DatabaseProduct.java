package io.nexus.server.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which database the service runs on: PostgreSQL, or H2 in PostgreSQL mode (the embedded default), made on H2 to write
 * every commit to its file before the commit returns; thread-safe.
 */
@Component
public class DatabaseProduct {
  private final boolean postgres;

  DatabaseProduct(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      this.postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
      if (!postgres) {
        writeCommitsAtOnce(c);
      }
    }
  }

  /** Whether the database is PostgreSQL (otherwise H2 in PostgreSQL mode). */
  public boolean isPostgres() {
    return postgres;
  }

  /**
   * Makes H2 write every commit to its file before the commit returns. By default (WRITE_DELAY 500) H2's MVStore only
   * marks a commit in memory and a background thread writes it up to half a second later, so a killed process lost
   * writes already answered 2xx. With 0 the committing thread stores the change itself; concurrent commits share
   * one write. H2 does not fsync a commit: an operating-system crash can still lose the last ones, which is why
   * production runs on PostgreSQL. The setting is persistent and database-wide, so this covers any H2 URL.
   */
  private static void writeCommitsAtOnce(Connection c) {
    try (var s = c.createStatement()) {
      s.execute("SET WRITE_DELAY 0");
    } catch (SQLException e) {
      LoggerFactory.getLogger(DatabaseProduct.class).error("could not make H2 write commits at once (SET WRITE_DELAY 0 "
          + "needs an admin user): a killed process may lose writes already acknowledged", e);
    }
  }
}
