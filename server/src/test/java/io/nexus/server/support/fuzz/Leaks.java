package io.nexus.server.support.fuzz;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an answer must never show: stack frames, Java class names, exception names, SQL or the database's own words.
 * Text the request itself sent (answers may quote a bad value) does not count.
 */
public final class Leaks {
  private static final List<Pattern> PATTERNS = List.of(
      Pattern.compile("(?m)^\\s*at [\\w$.]+\\("),
      Pattern.compile("\\bat [\\w$]+(?:\\.[\\w$]+){2,}\\([\\w$]*\\.java"),
      Pattern.compile("\\b(?:java|javax|jakarta|sun|jdk|org\\.springframework|org\\.h2|org\\.postgresql|com\\.zaxxer"
          + "|tools\\.jackson|com\\.fasterxml|io\\.nexus|org\\.apache|org\\.flywaydb)\\.[\\w$.]+"),
      Pattern.compile("\\b[A-Z]\\w*(?:Exception|Error)\\b"),
      Pattern.compile("(?i)\\b(?:select\\s+[\\w*,.\\s]+\\s+from\\s+\\w+|insert\\s+into\\s+\\w+|update\\s+\\w+\\s+set"
          + "|delete\\s+from\\s+\\w+|sqlstate|syntax error|violates \\w+(?:[ -]\\w+)? constraint|duplicate key"
          + "|jdbc:\\w+|constraint \"\\w+\"|ERROR:\\s)"));

  private Leaks() {}

  /** The first leak in {@code body}, unless the request text holds it. */
  public static Optional<String> find(String body, String request) {
    String sent = request.toLowerCase(Locale.ROOT);
    for (Pattern p : PATTERNS) {
      Matcher m = p.matcher(body);
      while (m.find()) {
        if (!sent.contains(m.group().toLowerCase(Locale.ROOT).trim())) {
          int from = Math.max(0, m.start() - 60);
          return Optional.of(body.substring(from, Math.min(body.length(), m.end() + 60)));
        }
      }
    }
    return Optional.empty();
  }
}
