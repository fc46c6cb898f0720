package io.nexus.cli.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An output file that appears whole or not at all: text goes to a temporary file beside the target, moved into place
 * on {@link #commit()}; {@link #close()} without commit deletes it. Not thread-safe.
 */
public final class AtomicOutput implements AutoCloseable {
  private final Path target;
  private final Path temporary;
  private final Writer writer;
  private boolean committed;

  private AtomicOutput(Path target) throws IOException {
    this.target = target.toAbsolutePath();
    Path dir = this.target.getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new IOException("directory " + dir + " does not exist");
    }
    // A fresh name beside the target (so the final move is atomic), created with the user's usual permissions.
    this.temporary = this.target.resolveSibling("." + this.target.getFileName() + "." + ProcessHandle.current().pid()
        + "." + System.nanoTime() + ".partial");
    OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }

  /** Opens a temporary file for {@code target}. */
  public static AtomicOutput open(Path target) throws IOException {
    return new AtomicOutput(target);
  }

  /** The writer of the temporary file. */
  public Writer writer() {
    return writer;
  }

  /** Flushes and moves the file into place. */
  public void commit() throws IOException {
    writer.close();
    try {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
    committed = true;
  }

  @Override
  public void close() {
    if (!committed) {
      try {
        writer.close();
        Files.deleteIfExists(temporary);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
