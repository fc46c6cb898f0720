package io.nexus.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFileTest {
  private static final String TEXT = "path,total_conversions\na > b,1\n";

  @TempDir
  Path dir;

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static String readAll(InputFile input) throws IOException {
    return new String(input.stream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void aPlainFileIsReadAsItIsAndItsBytesCounted() throws IOException {
    Path file = Files.writeString(dir.resolve("p.csv"), TEXT);
    try (InputFile input = InputFile.open(file, InputStream.nullInputStream())) {
      assertThat(readAll(input)).isEqualTo(TEXT);
      assertThat(input.compressed()).isFalse();
      assertThat(input.size()).isEqualTo(TEXT.length());
      assertThat(input.bytesRead()).isEqualTo(TEXT.length());
    }
  }

  @Test
  void gzipIsDecompressedWhateverTheFileIsCalled() throws IOException {
    byte[] compressed = gzip(TEXT);
    for (String name : new String[] {"p.csv.gz", "p.csv"}) {
      Path file = Files.write(dir.resolve(name), compressed);
      try (InputFile input = InputFile.open(file, InputStream.nullInputStream())) {
        assertThat(readAll(input)).as(name).isEqualTo(TEXT);
        assertThat(input.compressed()).isTrue();
        assertThat(input.bytesRead()).as("compressed bytes, comparable with the size").isEqualTo(compressed.length);
      }
    }
  }

  @Test
  void aDashIsStandardInputOfUnknownSize() throws IOException {
    try (InputFile input = InputFile.open(Path.of("-"), new ByteArrayInputStream(gzip(TEXT)))) {
      assertThat(readAll(input)).isEqualTo(TEXT);
      assertThat(input.name()).isEqualTo("standard input");
      assertThat(input.size()).isEqualTo(-1);
    }
  }

  @Test
  void bytesThatAreNotUtf8ReadAsAMarkerTheReadersLookFor() throws IOException {
    Path file = Files.write(dir.resolve("latin1.csv"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    try (InputFile input = InputFile.open(file, InputStream.nullInputStream())) {
      assertThat(input.reader().readLine()).isEqualTo("caf" + InputFile.NOT_UTF8);
    }
  }
}
