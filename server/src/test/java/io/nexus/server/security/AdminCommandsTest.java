package io.nexus.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.Databases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** bin/nexus keys|tenants work straight in the database: create, list, revoke, delete; bad input exits 2. */
class AdminCommandsTest {
  private String url;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    String[] all = new String[args.length + 3];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--spring.datasource.url=" + url;
    all[args.length + 1] = "--spring.datasource.username="
        + (url.startsWith("jdbc:h2") ? "sa" : Databases.postgresUser());
    all[args.length + 2] = "--nexus.security.pepper=test";
    return new AdminCommands(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).execute(all);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Connection database() throws SQLException {
    return DriverManager.getConnection(url, url.startsWith("jdbc:h2") ? "sa" : Databases.postgresUser(), "");
  }

  private long channelsOf(String tenant) throws SQLException {
    try (Connection c = database(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM channels WHERE tenant_id = '" + tenant + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The audit log's entries of commands, oldest first, as "tenant actor action target outcome". */
  private List<String> commandEntries() throws SQLException {
    List<String> entries = new ArrayList<>();
    try (Connection c = database(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT tenant_id, actor, action, target, outcome, method, path, status "
            + "FROM audit_log WHERE actor IS NOT NULL ORDER BY id")) {
      while (rs.next()) {
        assertThat(rs.getString("method")).isNull();
        assertThat(rs.getString("path")).isNull();
        assertThat(rs.getObject("status")).isNull();
        entries.add(String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5)));
      }
    }
    return entries;
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void keysAndTenantsAreAdministeredWithoutAService(String database) throws SQLException {
    url = database.equals("h2") ? Databases.freshH2() : Databases.freshPostgres();
    assertThat(run("tenants", "create", "acme")).as("%s", err).isZero();
    assertThat(channelsOf("acme")).isEqualTo(19);
    assertThat(run("keys", "create", "--tenant", "acme", "--scopes", "ingest,read", "--expires", "90d", "--name",
        "ETL job")).isZero();
    String key = out().strip();
    assertThat(key).matches("nx_[0-9A-Za-z]{8}_[0-9A-Za-z]{43}");
    assertThat(run("keys", "list")).isZero();
    assertThat(out()).contains(key.substring(0, 11)).contains("acme").contains("ETL job").contains("ingest,read")
        .doesNotContain(key);
    assertThat(run("keys", "revoke", key.substring(0, 11))).isZero();
    assertThat(run("keys", "revoke", key.substring(0, 11))).isEqualTo(1);
    assertThat(run("tenants", "list")).isZero();
    assertThat(out()).contains("acme").contains("default");
    assertThat(run("tenants", "delete", "acme")).isEqualTo(2);
    assertThat(err()).contains("--yes");
    assertThat(run("tenants", "delete", "acme", "--yes")).isZero();
    assertThat(channelsOf("acme")).isZero();
    assertThat(run("tenants", "list")).isZero();
    assertThat(out()).doesNotContain("acme");
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void everyChangeIsAuditedAsTheOperatingSystemUserWithoutTheKey(String database) throws SQLException {
    url = database.equals("h2") ? Databases.freshH2() : Databases.freshPostgres();
    String cli = "cli:" + System.getProperty("user.name");
    assertThat(run("tenants", "create", "acme")).as("%s", err).isZero();
    assertThat(run("tenants", "create", "acme")).isEqualTo(1);
    assertThat(run("keys", "create", "--tenant", "acme", "--scopes", "admin")).as("%s", err).isZero();
    String key = out().strip();
    String prefix = key.substring(0, 11);
    assertThat(run("keys", "list")).isZero();
    assertThat(run("keys", "revoke", prefix)).isZero();
    assertThat(run("keys", "revoke", prefix)).isEqualTo(1);
    assertThat(run("keys", "revoke", "nx_00000000")).isEqualTo(1);
    assertThat(run("tenants", "delete", "acme", "--yes")).isZero();
    assertThat(run("tenants", "delete", "acme", "--yes")).isEqualTo(1);
    List<String> entries = commandEntries();
    assertThat(entries).containsExactly(
        "acme " + cli + " tenants create acme succeeded",
        "acme " + cli + " tenants create acme refused",
        "acme " + cli + " keys create " + prefix + " succeeded",
        "acme " + cli + " keys revoke " + prefix + " succeeded",
        "acme " + cli + " keys revoke " + prefix + " refused",
        "null " + cli + " keys revoke nx_00000000 refused",
        "acme " + cli + " tenants delete acme succeeded",
        "acme " + cli + " tenants delete acme refused");
    assertThat(String.join("\n", entries)).doesNotContain(key.substring(12));
  }

  @Test
  void badInputExits2AndSaysWhy() {
    url = Databases.freshH2();
    assertThat(run("keys", "create", "--tenant", "default", "--scopes", "root")).isEqualTo(2);
    assertThat(err()).contains("unknown scope 'root'");
    assertThat(run("keys", "create", "--tenant", "Not A Tenant", "--scopes", "read")).isEqualTo(2);
    assertThat(run("keys", "frobnicate")).isEqualTo(2);
    assertThat(run("tenants", "delete", "default", "--yes")).isEqualTo(2);
  }
}
