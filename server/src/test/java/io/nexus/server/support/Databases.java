package io.nexus.server.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Fresh databases for tests: an in-memory H2 in PostgreSQL mode, or a new database on the PostgreSQL server of this
 * machine (127.0.0.1:5432, trust auth, {@code PGHOST}/{@code PGPORT}/{@code PGUSER} to change), dropped when the
 * JVM exits.
 */
public final class Databases {
  private Databases() {}

  /** A new in-memory H2 database. */
  public static String freshH2() {
    return "jdbc:h2:mem:nexus-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
  }

  /** Points the test's service at a new in-memory H2 database of its own. */
  public static void useFreshH2(DynamicPropertyRegistry registry) {
    String url = freshH2();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "sa");
  }

  /** Points the test's service at a new PostgreSQL database of its own; answers its URL. */
  public static String useFreshPostgres(DynamicPropertyRegistry registry) {
    String url = freshPostgres();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", Databases::postgresUser);
    registry.add("spring.datasource.password", () -> "");
    // Test contexts stay cached while others run, and the server's connection limit is shared: a cached context
    // keeps one idle connection, not its whole pool.
    registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
    registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
    return url;
  }

  /** The PostgreSQL user tests connect as. */
  public static String postgresUser() {
    return System.getenv().getOrDefault("PGUSER", "postgres");
  }

  private static String server() {
    return "jdbc:postgresql://" + System.getenv().getOrDefault("PGHOST", "127.0.0.1") + ":"
        + System.getenv().getOrDefault("PGPORT", "5432") + "/";
  }

  /** A new, empty PostgreSQL database, dropped at JVM exit. */
  public static String freshPostgres() {
    String name = "nexus_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + name);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (RuntimeException ignored) {
        // The server may already be gone at shutdown; a leftover test database is harmless.
      }
    }));
    return server() + name;
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(server() + "postgres", postgresUser(), "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL on " + server() + " is needed for this test (bin/test starts it): "
          + e.getMessage(), e);
    }
  }
}
