package io.nexus.server.persistence;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * The bulk paths of the database the service runs on: id blocks from sequences and fast multi-row writes, PostgreSQL's
 * COPY where available and JDBC batches elsewhere (H2); thread-safe. Writes join the caller's transaction.
 */
@Component
public class Database {
  private final DataSource dataSource;
  private final boolean postgres;
  private final SQLExceptionTranslator translator;
  private final io.micrometer.core.instrument.MeterRegistry meters;

  Database(DataSource dataSource, io.micrometer.core.instrument.MeterRegistry meters) throws SQLException {
    this.dataSource = dataSource;
    this.meters = meters;
    try (Connection c = dataSource.getConnection()) {
      this.postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
      if (!postgres) {
        writeCommitsAtOnce(c);
      }
    }
    this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
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
      LoggerFactory.getLogger(Database.class).error("could not make H2 write commits at once (SET WRITE_DELAY 0 "
          + "needs an admin user): a killed process may lose writes already acknowledged", e);
    }
  }

  /** Whether the database is PostgreSQL (otherwise H2 in PostgreSQL mode). */
  public boolean isPostgres() {
    return postgres;
  }

  /** {@code n} fresh ids from {@code sequence}, ascending, in one round trip. */
  public long[] reserveIds(String sequence, int n) {
    long[] ids = new long[n];
    if (n == 0) {
      return ids;
    }
    Connection c = DataSourceUtils.getConnection(dataSource);
    try (PreparedStatement s = c.prepareStatement("SELECT nextval('" + sequence + "') FROM generate_series(1, ?)")) {
      s.setInt(1, n);
      try (var rs = s.executeQuery()) {
        int i = 0;
        while (rs.next()) {
          ids[i++] = rs.getLong(1);
        }
      }
      java.util.Arrays.sort(ids);
      return ids;
    } catch (SQLException e) {
      throw translate("reserve ids", e);
    } finally {
      DataSourceUtils.releaseConnection(c, dataSource);
    }
  }

  /**
   * Inserts {@code rows} into {@code table}'s {@code columns}. Values may be {@code null}, strings, numbers,
   * booleans or instants.
   */
  public void insertRows(String table, List<String> columns, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    Connection c = DataSourceUtils.getConnection(dataSource);
    long started = System.nanoTime();
    try {
      if (postgres) {
        copy(c, table, columns, rows);
      } else {
        batch(c, table, columns, rows);
      }
      meters.timer("nexus.db.write", "table", table).record(System.nanoTime() - started,
          java.util.concurrent.TimeUnit.NANOSECONDS);
      meters.counter("nexus.db.rows.written", "table", table).increment(rows.size());
    } catch (SQLException e) {
      throw translate("insert into " + table, e);
    } finally {
      DataSourceUtils.releaseConnection(c, dataSource);
    }
  }

  private RuntimeException translate(String task, SQLException e) {
    RuntimeException translated = translator.translate(task, null, e);
    return translated != null ? translated : new DataAccessResourceFailureException(task, e);
  }

  private static void copy(Connection c, String table, List<String> columns, List<Object[]> rows)
      throws SQLException {
    byte[] data = PgBinaryCopy.encode(rows, columns.size());
    String sql = "COPY " + table + " (" + quoted(columns) + ") FROM STDIN WITH (FORMAT binary)";
    try {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new java.io.ByteArrayInputStream(data));
    } catch (IOException e) {
      throw new SQLException("COPY into " + table + " failed", e);
    }
  }

  private static void batch(Connection c, String table, List<String> columns, List<Object[]> rows)
      throws SQLException {
    String marks = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
    try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (" + quoted(columns) + ") VALUES ("
        + marks + ")")) {
      int pending = 0;
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          Object v = row[i];
          if (v == null) {
            s.setNull(i + 1, Types.NULL);
          } else if (v instanceof Instant t) {
            s.setObject(i + 1, Jdbc.param(t));
          } else {
            s.setObject(i + 1, v);
          }
        }
        s.addBatch();
        if (++pending == 1000) {
          s.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        s.executeBatch();
      }
    }
  }

  private static String quoted(List<String> columns) {
    StringBuilder out = new StringBuilder();
    for (String column : columns) {
      out.append(out.isEmpty() ? "" : ", ").append('"').append(column).append('"');
    }
    return out.toString();
  }
}
