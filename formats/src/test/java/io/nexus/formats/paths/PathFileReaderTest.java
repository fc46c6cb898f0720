package io.nexus.formats.paths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.JourneyBatch;
import io.nexus.formats.InputException;
import io.nexus.formats.InputFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class PathFileReaderTest {

  private static JourneyBatch read(String text) throws Exception {
    return read(text.getBytes(StandardCharsets.UTF_8));
  }

  private static JourneyBatch read(byte[] bytes) throws Exception {
    return PathFileReader.read(new ByteArrayInputStream(bytes), ">", new ChannelDictionary());
  }

  private static void assertRefused(String text, String message) {
    assertThatThrownBy(() -> read(text)).isInstanceOf(InputException.class).hasMessage(message);
  }

  @Test
  void readsTheColumnsByNameInAnyOrder() throws Exception {
    JourneyBatch batch = read("total_null,path,total_conversion_value,total_conversions\n2,a > b,10.5,1\n");

    assertThat(batch.path(0)).containsExactly("a", "b");
    assertThat(batch.conversions(0)).isEqualTo(1);
    assertThat(batch.value(0)).isEqualTo(10.5);
    assertThat(batch.nulls(0)).isEqualTo(2);
  }

  @Test
  void readsTabSeparatedFilesWithWindowsLineEnds() throws Exception {
    JourneyBatch batch = read("path\ttotal_conversions\r\na > b\t1\r\nc\t2\r\n");

    assertThat(batch.path(0)).containsExactly("a", "b");
    assertThat(batch.conversions(1)).isEqualTo(2);
  }

  @Test
  void aQuotedFieldMayHoldLineBreaks() throws Exception {
    JourneyBatch batch = read("path,total_conversions\n\"search >\nemail > \"\"news\"\"\",3\nc,1\n");

    assertThat(batch.path(0)).containsExactly("search", "email", "\"news\"");
    assertThat(batch.conversions(0)).isEqualTo(3);
    assertThat(batch.path(1)).containsExactly("c");
  }

  @Test
  void rowsAfterALineBreakInAFieldAreNumberedByTheirLines() {
    assertRefused("path,total_conversions\n\"a >\n\n b\",1\nc,x\n", "line 5: total_conversions \"x\": not a number");
  }

  @Test
  void aQuoteThatIsNeverClosedIsRefusedOnTheLineItOpens() {
    assertRefused("path,total_conversions\na,1\n\"b > c,1\nd,2\n",
        "line 3: path \"\"b > c,1\\nd,2\": unterminated quote");
  }

  @Test
  void aRowWithMoreFieldsThanTheHeaderIsRefused() {
    assertRefused("path,total_conversions\na,1\nb,1,7\n", "line 3: the row has more fields than the header's 2 columns");
  }

  @Test
  void aRowWithMoreFieldsThanAWiderHeaderIsRefused() {
    assertRefused("path,total_conversions,campaign\na,1,x\nb,1,\"y,z\",extra\n",
        "line 3: the row has more fields than the header's 3 columns");
  }

  @Test
  void aColumnNamedTwiceIsRefused() {
    assertRefused("path,total_conversions,path\na,1,b\n",
        "line 1: header \"path,total_conversions,path\": column path appears twice");
  }

  @Test
  void aChannelNameThatIsNotUtf8IsRefusedWithItsLine() throws Exception {
    byte[] latin1 = "path,total_conversions\nsearch,1\ncaf\u00e9 > search,1\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> read(latin1)).isInstanceOf(InputException.class)
        .hasMessage("line 3: path \"caf\uFFFD > search\": not UTF-8 text; save the file as UTF-8");
  }

  @Test
  void aHeaderThatIsNotUtf8IsRefused() {
    byte[] latin1 = "p\u00e4th,total_conversions\na,1\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> read(latin1)).isInstanceOf(InputException.class)
        .hasMessageStartingWith("line 1: header").hasMessageEndingWith(": not UTF-8 text; save the file as UTF-8");
  }

  @Test
  void utf8NamesAreReadAsTheyAre() throws Exception {
    assertThat(read("path,total_conversions\ncaf\u00e9 > \u00fcber,1\n").path(0)).containsExactly("caf\u00e9", "\u00fcber");
  }

  @Test
  void readsGzipThroughAnInputFile() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write("path,total_conversions\na > b,1\n".getBytes(StandardCharsets.UTF_8));
    }
    try (InputFile input = InputFile.open(Path.of("-"), new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(PathFileReader.read(input, ">", new ChannelDictionary()).path(0)).containsExactly("a", "b");
    }
  }

  @Test
  void truncatedGzipIsRefusedAsSuch() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(("path,total_conversions\n" + "a > b,1\n".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
    }
    byte[] truncated = Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);

    assertThatThrownBy(() -> {
      try (InputFile input = InputFile.open(Path.of("-"), new ByteArrayInputStream(truncated))) {
        PathFileReader.read(input, ">", new ChannelDictionary());
      }
    }).isInstanceOf(InputException.class).hasMessageContaining(": not readable as gzip: ");
  }
}
