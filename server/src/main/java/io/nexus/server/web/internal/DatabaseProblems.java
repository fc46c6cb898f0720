package io.nexus.server.web.internal;

import io.nexus.server.web.ApiException;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * A write the database refused, as a problem naming the column where the database says which. Requests are checked
 * before anything is written, so this is the safety net: a value that does not fit its column answers 422, a
 * duplicate or a record still in use 409.
 */
final class DatabaseProblems {
  /** Where PostgreSQL and H2 name the column in their messages, in the order they are tried. */
  private static final List<Pattern> COLUMN = Stream.of(
      "Key \\(([a-z_]+)\\)",                 // PostgreSQL's detail of key violations
      "FOREIGN KEY\\(([a-z_]+)\\)",          // H2's referential integrity
      "ON public\\.[a-z_]+\\(([a-z_]+)",     // H2's unique index
      "column \"?([a-z_]+)")                 // PostgreSQL's COPY context, H2's value too long
      .map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE)).toList();

  private DatabaseProblems() {}

  /** The refusal, naming the column as the field when the database says which (else {@code body}). */
  static ApiException of(DataIntegrityViolationException e) {
    Throwable root = e.getMostSpecificCause();
    String state = root instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "";
    String text = String.valueOf(root.getMessage());
    String column = null;
    if (root instanceof PSQLException pg && pg.getServerErrorMessage() != null) {
      ServerErrorMessage server = pg.getServerErrorMessage();
      column = server.getColumn();
      text = text + "\n" + server.getDetail() + "\n" + server.getWhere();
    }
    if (column == null) {
      column = column(text);
    }
    if (state.equals("23505")) {
      return conflict(column, "already exists");
    }
    if (state.equals("23503") && !text.contains("not present")) {
      return conflict(column, "is still in use");
    }
    String reason = switch (state) {
      case "23503", "23506" -> "refers to a record that does not exist";
      case "23502" -> "required";
      case "23514" -> "is outside the allowed range";
      case "22001" -> "is too long for its column";
      case "22003" -> "is out of range for its column";
      case "22007", "22008" -> "is a date or time the database cannot store";
      case "22021", "22P05" -> "contains a character the database cannot store";
      default -> text.lines().findFirst().orElse("was refused by the database");
    };
    return unprocessable(column, reason);
  }

  private static ApiException conflict(String column, String reason) {
    return ApiException.conflict(column == null ? "body" : column, reason);
  }

  private static ApiException unprocessable(String column, String reason) {
    return ApiException.unprocessable(column == null ? "body" : column, reason);
  }

  private static String column(String text) {
    for (Pattern pattern : COLUMN) {
      Matcher m = pattern.matcher(text);
      if (m.find()) {
        return m.group(1).toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }
}
