package io.nexus.formats.touchpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nexus.engine.journey.UserEvent;
import io.nexus.formats.InputException;
import io.nexus.formats.InputFile;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TouchpointFileReaderTest {

  private static List<UserEvent> read(String text) throws Exception {
    return read(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<UserEvent> read(byte[] bytes) throws Exception {
    try (InputFile input = InputFile.open(Path.of("-"), new ByteArrayInputStream(bytes))) {
      return TouchpointFileReader.read(input);
    }
  }

  private static void assertRefused(String text, String message) {
    assertThatThrownBy(() -> read(text)).isInstanceOf(InputException.class).hasMessage(message);
  }

  @Test
  void readsTabSeparatedFilesAsCommaSeparatedOnes() throws Exception {
    List<UserEvent> events = read("user_id\ttimestamp\tchannel\tconversion\trevenue\n"
        + "u1\t2025-01-05T10:00:00Z\temail\t0\t\n" + "u1\t2025-01-06\t\t1\t19.90\n");

    assertThat(events).hasSize(2);
    assertThat(events.get(0).channel()).isEqualTo("email");
    assertThat(events.get(0).timestamp()).isEqualTo(Instant.parse("2025-01-05T10:00:00Z"));
    assertThat(events.get(1).conversion()).isTrue();
    assertThat(events.get(1).revenue()).isEqualTo(new BigDecimal("19.90"));
  }

  @Test
  void aColumnNamedTwiceIsRefused() {
    assertRefused("user_id,timestamp,channel,Channel\nu1,2025-01-05,email,search\n",
        "line 1: header \"user_id,timestamp,channel,Channel\": column channel appears twice");
  }

  @Test
  void aRowWithMoreFieldsThanTheHeaderIsRefused() {
    assertRefused("user_id,timestamp,channel\nu1,2025-01-05,email\nu2,2025-01-05,email,extra\n",
        "line 3: the row has 4 fields, the header 3");
  }

  @Test
  void bytesThatAreNotUtf8AreRefusedWithTheirLine() {
    byte[] latin1 = "user_id,timestamp,channel\nu1,2025-01-05,email\nu2,2025-01-05,caf\u00e9\n"
        .getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> read(latin1)).isInstanceOf(InputException.class)
        .hasMessage("line 3: channel \"caf\uFFFF\": not UTF-8 text; save the file as UTF-8");
  }

  @Test
  void rowsAreNumberedByTheirLinesPastBlankLinesAndLineBreaksInCells() {
    assertRefused("user_id,timestamp,channel,campaign\n\nu1,2025-01-05,email,\"spring\nsale\"\nu2,soon,email,\n",
        "line 5: timestamp \"soon\": not an ISO-8601 date-time such as 2025-01-05T10:00:00Z");
  }
}
