package io.nexus.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTest {
  @TempDir
  Path dir;

  private static void write(Path path, String text) throws IOException {
    try (OutputFile out = OutputFile.open(path, new StringWriter())) {
      out.writer().write(text);
      out.commit();
    }
  }

  private String[] files() {
    String[] names = dir.toFile().list();
    Arrays.sort(names);
    return names;
  }

  @Test
  void aRegularFileAppearsWholeOnCommitAndNothingElseStays() throws IOException {
    Path file = dir.resolve("out.csv");

    write(file, "a,b\n");

    assertThat(file).hasContent("a,b");
    assertThat(files()).containsExactly("out.csv");
  }

  @Test
  void withoutCommitAnExistingFileIsLeftAsItWas() throws IOException {
    Path file = Files.writeString(dir.resolve("out.csv"), "before\n");

    try (OutputFile out = OutputFile.open(file, new StringWriter())) {
      out.writer().write("half");
      out.writer().flush();
    }

    assertThat(file).hasContent("before");
    assertThat(files()).containsExactly("out.csv");
  }

  @Test
  void aReplacedFileKeepsItsPermissions() throws IOException {
    Path file = Files.writeString(dir.resolve("out.csv"), "before\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    write(file, "after\n");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void aNamedPipeIsWrittenStraightAndStaysAPipe() throws Exception {
    Path fifo = dir.resolve("pipe");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readString(fifo);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });

    write(fifo, "through the pipe\n");

    assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("through the pipe\n");
    assertThat(Files.isRegularFile(fifo)).isFalse();
    assertThat(Files.exists(fifo)).isTrue();
    assertThat(files()).containsExactly("pipe");
  }

  @Test
  void aSymbolicLinkIsFollowedToItsTargetAndStaysALink() throws IOException {
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Path target = Files.writeString(elsewhere.resolve("results.csv"), "before\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("elsewhere/results.csv"));

    write(link, "after\n");

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(target).hasContent("after");
    assertThat(elsewhere.toFile().list()).containsExactly("results.csv");
  }

  @Test
  void aLinkToNothingYetCreatesItsTarget() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), dir.resolve("new.csv"));

    write(link, "new\n");

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(dir.resolve("new.csv")).hasContent("new");
  }

  @Test
  void aDashIsTheStandardOutputGiven() throws IOException {
    StringWriter standardOutput = new StringWriter();
    try (OutputFile out = OutputFile.open(Path.of("-"), standardOutput)) {
      out.writer().write("to stdout\n");
      out.commit();
    }

    assertThat(standardOutput).hasToString("to stdout\n");
    assertThat(files()).isEmpty();
  }

  @Test
  void devStdoutIsTheStandardOutputGivenToo() throws IOException {
    StringWriter standardOutput = new StringWriter();
    try (OutputFile out = OutputFile.open(Path.of("/dev/stdout"), standardOutput)) {
      out.writer().write("to stdout\n");
      out.commit();
    }

    assertThat(standardOutput).hasToString("to stdout\n");
  }

  @Test
  void aMissingFolderIsRefusedNamingTheFile() {
    Path file = dir.resolve("missing/out.csv");

    assertThatThrownBy(() -> OutputFile.open(file, new StringWriter())).isInstanceOf(OutputException.class)
        .hasMessage("cannot write " + file + ": no such directory " + dir.resolve("missing"));
  }

  @Test
  void aFolderIsNotAFile() {
    assertThatThrownBy(() -> OutputFile.open(dir, new StringWriter())).isInstanceOf(OutputException.class)
        .hasMessage("cannot write " + dir + ": is a directory");
  }

  @Test
  void aReadOnlyFolderIsRefusedNamingTheFile() throws Exception {
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    try (ReadOnly ignored = ReadOnly.make(readOnly)) {
      Path file = readOnly.resolve("out.csv");

      // Permissions refuse it as "permission denied", the immutable flag as "operation not permitted".
      assertThatThrownBy(() -> OutputFile.open(file, new StringWriter())).isInstanceOf(OutputException.class)
          .hasMessageMatching("cannot write \\Q" + file + "\\E: (permission denied|operation not permitted)");
      assertThat(readOnly.toFile().list()).isEmpty();
    }
  }

  /**
   * A folder nobody may write into: its permissions say so, and for root, who writes anyway, the file system's
   * immutable flag does. Undone on close so that the folder can be removed.
   */
  static final class ReadOnly implements AutoCloseable {
    private final Path folder;
    private final boolean immutable;

    private ReadOnly(Path folder, boolean immutable) {
      this.folder = folder;
      this.immutable = immutable;
    }

    static ReadOnly make(Path folder) throws Exception {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
      if (!Files.isWritable(folder) || !writable(folder)) {
        return new ReadOnly(folder, false);
      }
      boolean flagged = new ProcessBuilder("chattr", "+i", folder.toString()).redirectErrorStream(true).start()
          .waitFor() == 0;
      ReadOnly readOnly = new ReadOnly(folder, flagged);
      if (!flagged || writable(folder)) {
        readOnly.close();
        Assumptions.abort("cannot make a folder read-only for this user (root without chattr): not tested here");
      }
      return readOnly;
    }

    private static boolean writable(Path folder) {
      try {
        Files.delete(Files.createFile(folder.resolve(".probe")));
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public void close() throws Exception {
      if (immutable) {
        new ProcessBuilder("chattr", "-i", folder.toString()).start().waitFor();
      }
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
