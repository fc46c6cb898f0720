package io.nexus.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.server.support.Databases;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** What binary COPY writes is what PostgreSQL stores: every type the service writes, read back as text. */
class PgBinaryCopyTest {
  private static String url;

  @BeforeAll
  static void database() {
    url = Databases.freshPostgres();
  }

  private static List<String> roundTrip(String type, List<Object> values) throws Exception {
    try (Connection c = DriverManager.getConnection(url, Databases.postgresUser(), "");
        Statement s = c.createStatement()) {
      s.execute("SET TIME ZONE 'UTC'");
      s.execute("DROP TABLE IF EXISTS probe");
      s.execute("CREATE TABLE probe (n int, v " + type + ")");
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        rows.add(new Object[] {i, values.get(i)});
      }
      c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY probe (n, v) FROM STDIN WITH (FORMAT binary)",
          new ByteArrayInputStream(PgBinaryCopy.encode(rows, 2)));
      List<String> back = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT v::text FROM probe ORDER BY n")) {
        while (rs.next()) {
          back.add(rs.getString(1));
        }
      }
      return back;
    }
  }

  @Test
  void numericsKeepTheirValueAndScale() throws Exception {
    List<String> values = List.of("0", "1.50", "99.99", "0.0001", "12345678.9", "-3.14159", "100000", "0.5000",
        "123456789012345678.123456", "0.000000000001", "10000.0001", "-0.01", "7");
    List<Object> decimals = new ArrayList<>();
    values.forEach(v -> decimals.add(new BigDecimal(v)));
    assertThat(roundTrip("numeric", decimals)).containsExactlyElementsOf(values);
  }

  @Test
  void numericsWithoutScaleAndInScientificNotationAreWhole() throws Exception {
    assertThat(roundTrip("numeric", List.of(new BigDecimal("1E+3"), new BigDecimal("2.5E+1"))))
        .containsExactly("1000", "25");
  }

  @Test
  void numericsAreRoundedToTheColumnsScale() throws Exception {
    assertThat(roundTrip("numeric(14,4)", List.of(new BigDecimal("1.23456"), new BigDecimal("2"))))
        .containsExactly("1.2346", "2.0000");
  }

  @Test
  void timestampsKeepMicroseconds() throws Exception {
    List<Object> times = List.of(Instant.parse("2025-01-15T10:05:00Z"), Instant.parse("1999-12-31T23:59:59.999999Z"),
        Instant.parse("2026-11-25T02:38:17.123456789Z"));
    assertThat(roundTrip("timestamptz", times)).containsExactly("2025-01-15 10:05:00+00",
        "1999-12-31 23:59:59.999999+00", "2026-11-25 02:38:17.123456+00");
  }

  @Test
  void integersBooleansTextAndNulls() throws Exception {
    assertThat(roundTrip("bigint", List.of(Long.MAX_VALUE, -1L))).containsExactly("9223372036854775807", "-1");
    assertThat(roundTrip("integer", List.of(42, -7))).containsExactly("42", "-7");
    assertThat(roundTrip("boolean", List.of(true, false))).containsExactly("true", "false");
    List<Object> texts = new ArrayList<>();
    texts.add("Müller, \"quoted\"\nline");
    texts.add(null);
    assertThat(roundTrip("varchar(100)", texts)).containsExactly("Müller, \"quoted\"\nline", null);
  }
}
