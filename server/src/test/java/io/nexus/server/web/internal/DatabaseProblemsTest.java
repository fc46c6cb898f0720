package io.nexus.server.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nexus.server.support.Databases;
import io.nexus.server.web.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * The safety net behind request validation: a write the database refuses is answered 422 naming the column when a
 * value does not fit it, and 409 naming it for a duplicate, on H2 and on PostgreSQL, never a bare 409.
 */
class DatabaseProblemsTest {
  private static final String TABLE = "CREATE TABLE things (name VARCHAR(5), cost NUMERIC(6, 2), "
      + "CONSTRAINT uq_thing_name UNIQUE (name))";

  @Test
  void aValueTooLongForItsColumnIsUnprocessableNamingTheColumnOnH2() {
    ApiException refused = refused(h2(), "INSERT INTO things (name) VALUES ('longer')");
    assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(refused.fields().get(0).field()).isEqualTo("name");
    assertThat(refused.fields().get(0).reason()).isEqualTo("is too long for its column");
  }

  @Test
  void aNumberTooLargeForItsColumnIsUnprocessableNamingTheColumnOnH2() {
    ApiException refused = refused(h2(), "INSERT INTO things (cost) VALUES (123456.78)");
    assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(refused.fields().get(0).field()).isEqualTo("cost");
  }

  @Test
  void aDuplicateIsAConflictNamingTheColumnOnH2() {
    JdbcTemplate h2 = h2();
    h2.update("INSERT INTO things (name) VALUES ('a')");
    ApiException refused = refused(h2, "INSERT INTO things (name) VALUES ('a')");
    assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.fields().get(0).field()).isEqualTo("name");
    assertThat(refused.fields().get(0).reason()).isEqualTo("already exists");
  }

  @Test
  void aDuplicateIsAConflictNamingTheColumnOnPostgres() {
    JdbcTemplate pg = postgres();
    pg.update("INSERT INTO things (name) VALUES ('a')");
    ApiException refused = refused(pg, "INSERT INTO things (name) VALUES ('a')");
    assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.fields().get(0).field()).isEqualTo("name");
  }

  @Test
  void aNumberTooLargeForItsColumnInABulkCopyIsUnprocessableNamingTheColumnOnPostgres() {
    ApiException refused = copied(postgres(), "a\t123456.78\n");
    assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(refused.fields().get(0).field()).isEqualTo("cost");
    assertThat(refused.fields().get(0).reason()).isEqualTo("is out of range for its column");
  }

  @Test
  void aNulCharacterInABulkCopyIsUnprocessableNamingTheColumnOnPostgres() {
    ApiException refused = copiedBinary(postgres(), "a\0b");
    assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(refused.fields().get(0).field()).isEqualTo("name");
    assertThat(refused.fields().get(0).reason()).isEqualTo("contains a character the database cannot store");
  }

  private static JdbcTemplate h2() {
    return withTable(new SingleConnectionDataSource(Databases.freshH2(), "sa", "", true));
  }

  private static JdbcTemplate postgres() {
    return withTable(new SingleConnectionDataSource(Databases.freshPostgres(), Databases.postgresUser(), "", true));
  }

  private static JdbcTemplate withTable(DataSource dataSource) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.execute(TABLE);
    return jdbc;
  }

  private static ApiException refused(JdbcTemplate jdbc, String insert) {
    return DatabaseProblems.of(catchThrowableOfType(DataIntegrityViolationException.class,
        () -> jdbc.update(insert)));
  }

  /** Rows through PostgreSQL's text COPY, translated as the service translates its errors. */
  private static ApiException copied(JdbcTemplate jdbc, String rows) {
    return copy(jdbc, "COPY things (name, cost) FROM STDIN", rows.getBytes(StandardCharsets.UTF_8));
  }

  /** One name through PostgreSQL's binary COPY, as the service writes batches. */
  private static ApiException copiedBinary(JdbcTemplate jdbc, String name) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0});
      out.writeInt(0);
      out.writeInt(0);
      byte[] text = name.getBytes(StandardCharsets.UTF_8);
      out.writeShort(1);
      out.writeInt(text.length);
      out.write(text);
      out.writeShort(-1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy(jdbc, "COPY things (name) FROM STDIN WITH (FORMAT binary)", bytes.toByteArray());
  }

  private static ApiException copy(JdbcTemplate jdbc, String sql, byte[] data) {
    DataSource dataSource = jdbc.getDataSource();
    try (Connection c = dataSource.getConnection()) {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(data));
      throw new AssertionError("the copy was not refused");
    } catch (SQLException e) {
      return DatabaseProblems.of((DataIntegrityViolationException) new SQLErrorCodeSQLExceptionTranslator(dataSource)
          .translate("copy", sql, e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
