package io.nexus.server.persistence;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * Bulk writes on the database the service runs on: id blocks from sequences, and many rows at once with PostgreSQL's
 * binary COPY or JDBC batches elsewhere (H2); thread-safe. Writes join the caller's transaction.
 */
@Component
public class BulkWriter {
  private final DataSource dataSource;
  private final DatabaseProduct product;
  private final SQLExceptionTranslator translator;
  private final MeterRegistry meters;

  BulkWriter(DataSource dataSource, DatabaseProduct product, MeterRegistry meters) {
    this.dataSource = dataSource;
    this.product = product;
    this.meters = meters;
    this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
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
      Arrays.sort(ids);
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
      if (product.isPostgres()) {
        copy(c, table, columns, rows);
      } else {
        batch(c, table, columns, rows);
      }
      meters.timer("nexus.db.write", "table", table).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
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

  /**
   * Binary COPY into a session-private staging table, then one INSERT … SELECT into {@code table}: PostgreSQL refuses
   * COPY FROM into tables whose row-level security binds the writer, and the INSERT applies the policies, the
   * defaults (the tenant) and the constraints to every row as usual.
   */
  private static void copy(Connection c, String table, List<String> columns, List<Object[]> rows)
      throws SQLException {
    byte[] data = PgBinaryCopy.encode(rows, columns.size());
    String list = quoted(columns);
    String stage = "nexus_stage_" + table + "_" + Integer.toUnsignedString(list.hashCode(), 36);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage + " AS SELECT " + list + " FROM " + table
          + " WITH NO DATA");
      s.execute("TRUNCATE " + stage);
      c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + stage + " (" + list + ") FROM STDIN WITH (FORMAT "
          + "binary)", new ByteArrayInputStream(data));
      s.execute("INSERT INTO " + table + " (" + list + ") SELECT " + list + " FROM " + stage);
      s.execute("TRUNCATE " + stage);
    } catch (IOException e) {
      throw new SQLException("COPY into " + table + " failed", e);
    }
  }

  private static void batch(Connection c, String table, List<String> columns, List<Object[]> rows)
      throws SQLException {
    String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
    try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (" + quoted(columns) + ") VALUES ("
        + marks + ")")) {
      int pending = 0;
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          Object v = row[i];
          if (v == null) {
            s.setNull(i + 1, Types.NULL);
          } else if (v instanceof Instant t) {
            s.setObject(i + 1, TimestampColumns.param(t));
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
