package io.nexus.formats.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.nexus.engine.journey.UserEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {

  private static String paths(long rows, long seed) throws IOException {
    StringWriter out = new StringWriter();
    new SyntheticData(12, seed).writePaths(out, rows);
    return out.toString();
  }

  private static String touchpoints(long rows, long seed) throws IOException {
    StringWriter out = new StringWriter();
    new SyntheticData(12, seed).writeTouchpoints(out, rows);
    return out.toString();
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aSeedGivesTheBytesItAlwaysGave() throws Exception {
    // Documents and benchmarks quote numbers of these files: the bytes for a seed never change.
    assertThat(paths(3, 42)).isEqualTo("path,total_conversions,total_conversion_value,total_null\n"
        + "search > search > search,1,53.28,2\n" + "sms,1,56.44,6\n"
        + "social > social > social > search > display,0,0.00,3\n");
    assertThat(sha256(paths(1000, 42)))
        .isEqualTo("32b41f7dd2488841850956eb71d2ff2213117ee1da638d86af7681b4353350ae");
    assertThat(touchpoints(3, 42)).isEqualTo(
        "user_id,timestamp,channel,source,medium,campaign,touchpoint_type,cost,conversion,conversion_type,revenue\n"
            + "u1,2025-02-16T04:56:08Z,search,google,cpc,search_3,click,1.20,0,,\n"
            + "u2,2025-03-28T03:49:21Z,search,google,cpc,search_2,click,1.20,0,,\n"
            + "u2,2025-03-29T22:29:24Z,direct,(direct),(none),direct_3,visit,0.00,0,,\n");
    assertThat(sha256(touchpoints(1000, 42)))
        .isEqualTo("ab2c0f58265f8129db2a53315524bb1502d170c5583f1ed6acb1b46423434086");
  }

  @Test
  void theTouchpointFileIsTheUsersEventsWritten() throws Exception {
    SyntheticData data = new SyntheticData(12, 42);
    StringBuilder expected = new StringBuilder();
    int rows = 0;
    while (rows < 50) {
      for (UserEvent e : data.nextUser()) {
        if (rows++ < 50) {
          expected.append(e.userId()).append(',').append(e.timestamp()).append(',')
              .append(e.conversion() ? "" : e.channel()).append(',');
        }
      }
    }
    String[] lines = touchpoints(50, 42).split("\n");
    String[] prefixes = expected.toString().split("(?<=,)(?=u\\d)");

    assertThat(lines).hasSize(51);
    for (int i = 0; i < prefixes.length; i++) {
      assertThat(lines[i + 1]).startsWith(prefixes[i]);
    }
  }

  @Test
  void usersStartInTheNinetyDaysFromTheStartGiven() {
    Instant start = Instant.parse("2026-03-01T00:00:00Z");
    SyntheticData data = new SyntheticData(12, 7, start);
    for (int u = 1; u <= 500; u++) {
      List<UserEvent> events = data.nextUser();
      assertThat(events.get(0).userId()).isEqualTo("u" + u);
      assertThat(events.get(0).timestamp()).isBetween(start, start.plus(Duration.ofDays(90)));
      assertThat(events).isSortedAccordingTo((a, b) -> a.timestamp().compareTo(b.timestamp()));
      for (UserEvent e : events) {
        if (e.conversion()) {
          assertThat(e.revenue()).isGreaterThanOrEqualTo(BigDecimal.ONE);
        } else {
          assertThat(e.source()).isNotBlank();
          assertThat(e.medium()).isNotBlank();
        }
      }
    }
  }
}
