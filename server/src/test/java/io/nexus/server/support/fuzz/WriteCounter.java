package io.nexus.server.support.fuzz;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import io.nexus.server.support.AsOwner;
import java.util.ArrayList;
import java.util.List;
import org.h2.api.Trigger;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Counts every row written to the service's tables, by a trigger on each in the database itself: a request that was
 * refused must leave the count as it was. Rows written and rolled back do not count, which is the promise: an error
 * answer means nothing was stored.
 */
public final class WriteCounter {
  private final JdbcTemplate jdbc;

  private WriteCounter(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Installs the counting triggers on every table but those in {@code except} (Flyway's own is always left out). */
  public static WriteCounter install(JdbcTemplate jdbc, boolean postgres, List<String> except) {
    List<String> statements = new ArrayList<>();
    statements.add("CREATE TABLE fuzz_writes (n BIGINT NOT NULL)");
    statements.add("INSERT INTO fuzz_writes VALUES (0)");
    List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables "
        + "WHERE table_schema = ? AND table_type IN ('BASE TABLE', 'TABLE')", String.class,
        "public");
    if (postgres) {
      statements.add("CREATE FUNCTION fuzz_count() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS "
          + "$$ BEGIN UPDATE fuzz_writes SET n = n + 1; RETURN NULL; END $$");
      // Readable by the role the service works as, whatever the default privileges.
      statements.add("GRANT SELECT ON fuzz_writes TO PUBLIC");
    }
    for (String table : tables) {
      if (table.equals("fuzz_writes") || table.startsWith("flyway") || except.contains(table)) {
        continue;
      }
      statements.add(postgres
          ? "CREATE TRIGGER fuzz_" + table + " AFTER INSERT OR UPDATE OR DELETE ON " + table
              + " FOR EACH ROW EXECUTE FUNCTION fuzz_count()"
          : "CREATE TRIGGER fuzz_" + table + " AFTER INSERT, UPDATE, DELETE ON " + table
              + " FOR EACH ROW CALL \"" + H2Count.class.getName() + "\"");
    }
    statements.forEach(sql -> AsOwner.execute(jdbc, sql));
    return new WriteCounter(jdbc);
  }

  /** Rows written so far. */
  public long writes() {
    return jdbc.queryForObject("SELECT n FROM fuzz_writes", Long.class);
  }

  /** The H2 trigger: one more row written, in the writing transaction. */
  public static final class H2Count implements Trigger {
    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
      try (Statement s = connection.createStatement()) {
        s.executeUpdate("UPDATE fuzz_writes SET n = n + 1");
      }
    }
  }
}
