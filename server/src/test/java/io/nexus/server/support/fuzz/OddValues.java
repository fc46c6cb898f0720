package io.nexus.server.support.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/** The odd values a fuzzed request is made of: strange strings, numbers at and beyond every bound, odd dates. */
final class OddValues {
  private OddValues() {}

  static final List<String> STRINGS = List.of("", " ", "\t", "\n\r", "\u0000", "a\u0000b", "\u00e9\u00e8\u00ea",
      "\u202eevil", "\ud83d\ude00\ud83d\ude00", "\ud800", "\udfff", "\ufeff", "\uffff", "\u00a0", "null", "NULL",
      "true", "0", "-1", "1e309", "NaN", "Infinity", "'; DROP TABLE journeys; --", "\" OR 1=1 --", "%s%n%x",
      "${jndi:ldap://x/a}", "<script>alert(1)</script>", "../../etc/passwd", "%00", "\\", "\\u0000", "{}", "[]",
      "ÄÖÜ߀", "\u0130\u0131", "日本語のテキスト", "a".repeat(51), "a".repeat(201), "A_B", "9".repeat(40),
      "2025-01-15T10:00:00Z", "_", "a b", "a-b", "ab\u0301");

  static final List<String> DATES = List.of("2025-01-15T10:00:00Z", "2025-01-15T10:00:00.123456789Z",
      "2025-01-15T10:00:00+14:00", "2025-01-15T10:00:00-12:00", "2025-01-15T10:00:00+18:00", "2025-01-15T10:00:00",
      "2025-01-15", "2025-02-30T00:00:00Z", "2025-13-01T00:00:00Z", "2025-01-15T25:00:00Z", "0000-01-01T00:00:00Z",
      "0001-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z",
      "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
      "2025-01-15T10:00:00z", "2025-01-15 10:00:00Z", "20250115T100000Z", "1736935200", "", "yesterday",
      "2025-01-15T10:00:60Z", "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2025-W03-1", "2038-01-19T03:14:08Z");

  static final List<String> DAYS = List.of("2025-01-01", "2025-12-31", "2024-02-29", "2023-02-29", "2025-00-10",
      "0000-01-01", "9999-12-31", "+10000-01-01", "-0001-01-01", "2025-1-1", "2025/01/01", "01.01.2025", "",
      "2025-01-01T00:00:00Z", "2025-01-01T00:00:00+05:00", "tomorrow", "2025-01-15T10:00:00", "1970-01-01");

  static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "0.5", "-0.5", "1e400", "-1e400", "1e-400",
      "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
      "-9223372036854775808", "-9223372036854775809", "99999999999999999999999999999999999999",
      "0.000000000000000000000000000001", "123456789012.123456789", "1.0", "1E2", "3.4028235E39",
      "1.7976931348623157E308", "4.9E-324", "10000000000000000000000000000000000000000000000000000000000.5");

  static final List<String> IDS = List.of("0", "-1", "1", "2", "3", "9223372036854775807", "9223372036854775808",
      "-9223372036854775809", "99999999999999999999", "1.5", "1e3", "abc", "%20", "%00", "%0A", "%2F", "%25",
      "%EF%BC%91", "0x10", "+1", "01", "null", "-0", "1%20", "%E2%80%AE1", "1;DROP");

  static final List<String> QUERY = List.of("", "true", "false", "yes", "1", "0", "-1", "2147483648",
      "9223372036854775808", "1.5", "abc", "%00", "%FF", "%E2%80%AE", "2025-01-01", "2025-02-30",
      "2025-01-01T00:00:00Z", "+10000-01-01", "a%26b%3Dc", "%27%3B--", "x".repeat(300));

  static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A string of {@code length} characters from a mix of scripts and symbols. */
  static String text(SplittableRandom random, int length) {
    String alphabet = "abcxyzABC019 _-.:/@#é€日\u0000\"\\\n";
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  /** Arrays nested {@code depth} deep. */
  static Object nested(int depth) {
    Object value = 1;
    for (int i = 0; i < depth; i++) {
      value = List.of(value);
    }
    return value;
  }
}
