package io.nexus.server.support;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Schema changes a test makes to simulate a broken table: on PostgreSQL the service works as a role that owns nothing,
 * so the statement runs as the connection's owner (the login user) and the connection returns to the service's role.
 */
public final class AsOwner {
  private AsOwner() {}

  /** Runs {@code sql} as the owner of the schema. */
  public static void execute(JdbcTemplate jdbc, String sql) {
    jdbc.execute((ConnectionCallback<Void>) c -> {
      boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
      try (Statement s = c.createStatement()) {
        if (!postgres) {
          s.execute(sql);
          return null;
        }
        String role = queryRole(s);
        s.execute("RESET ROLE");
        try {
          s.execute(sql);
        } finally {
          s.execute("SET ROLE " + role);
        }
      }
      return null;
    });
  }

  private static String queryRole(Statement s) throws SQLException {
    try (var rs = s.executeQuery("SELECT current_user")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
