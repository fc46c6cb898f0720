package io.nexus.formats;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where an output goes, written so that nothing but the output itself is ever replaced. A regular file (or a new one)
 * appears whole or not at all: the text goes to a hidden temporary file beside it, moved into place on
 * {@link #commit()}, and removed on {@link #close()} without commit or when the JVM is stopped (SIGTERM, Ctrl-C).
 * Anything else — a device such as {@code /dev/null}, a named pipe, an open file descriptor ({@code /dev/fd/N}),
 * standard output written {@code -} or {@code /dev/stdout} — is written straight, never replaced. A symbolic link is
 * followed: its target is written, the link stays. Not thread-safe.
 */
public final class OutputFile implements AutoCloseable {
  /** The name that stands for standard output. */
  public static final String STANDARD_OUTPUT = "-";
  private static final int MAX_LINKS = 40;
  private static final Set<String> STANDARD_OUTPUT_NAMES = Set.of("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1");
  private static final List<String> FILE_DESCRIPTORS = List.of("/dev/fd/", "/dev/stderr", "/proc/");
  // Temporaries not yet moved into place, removed by a shutdown hook if the JVM is stopped before that.
  private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(OutputFile::removePending, "nexus-output-cleanup"));
  }

  private final String name;
  private final Path target;
  private final Path temporary;
  private final Writer writer;
  private final boolean ownsWriter;
  private boolean committed;

  /** {@code temporary} is moved to {@code target} on commit; when both are null the output is written straight. */
  private OutputFile(String name, Path target, Path temporary, Writer writer, boolean ownsWriter) {
    this.name = name;
    this.target = target;
    this.temporary = temporary;
    this.writer = writer;
    this.ownsWriter = ownsWriter;
  }

  /**
   * Opens {@code path} for writing, or {@code standardOutput} when the path is {@code -} (flushed on commit, never
   * closed).
   *
   * @throws OutputException when it cannot be written: its folder is missing or read-only, it is a folder, ...
   */
  public static OutputFile open(Path path, Writer standardOutput) throws OutputException {
    String name = path.toString();
    String absolute = path.toAbsolutePath().normalize().toString();
    if (name.equals(STANDARD_OUTPUT) || STANDARD_OUTPUT_NAMES.contains(absolute)) {
      // Also /dev/stdout: written through the process's own standard output, so that what goes there otherwise
      // stays in order with it, whether it is a terminal, a pipe or a file.
      return new OutputFile("standard output", null, null, standardOutput, false);
    }
    try {
      if (Files.isDirectory(path)) {
        throw new OutputException(name, "is a directory", null);
      }
      boolean descriptor = FILE_DESCRIPTORS.stream().anyMatch(absolute::startsWith);
      if (descriptor || Files.exists(path) && !Files.isRegularFile(path)) {
        // A device, a pipe or an open file descriptor, maybe behind a link: the kernel follows the path to it. Never
        // truncated; appended to, in case the descriptor is a file others write too.
        OutputStream out = Files.newOutputStream(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new OutputFile(name, null, null, writer(new Reporting(out, name)), true);
      }
      return replacing(name, linkTarget(path));
    } catch (OutputException e) {
      throw e;
    } catch (IOException e) {
      throw new OutputException(name, reason(e), e);
    }
  }

  /** The file a chain of symbolic links ends at, which may not exist yet; the path itself when it is no link. */
  private static Path linkTarget(Path path) throws IOException {
    Path file = path.toAbsolutePath();
    for (int hops = 0; Files.isSymbolicLink(file); hops++) {
      if (hops == MAX_LINKS) {
        throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
      }
      file = file.resolveSibling(Files.readSymbolicLink(file)).normalize();
    }
    return file;
  }

  private static OutputFile replacing(String name, Path target) throws IOException {
    Path dir = target.getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new OutputException(name, "no such directory " + dir, null);
    }
    // A fresh name beside the target (so the final move is atomic), created with the user's usual permissions.
    Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
        + System.nanoTime() + ".partial");
    // Known before it exists, so that a stop at any moment from here on removes it.
    PENDING.add(temporary);
    OutputStream out = null;
    try {
      out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      if (Files.isRegularFile(target)) {
        try {
          Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system: the new file keeps the usual permissions.
        }
      }
      return new OutputFile(name, target, temporary, writer(new Reporting(out, name)), true);
    } catch (IOException | RuntimeException e) {
      if (out != null) {
        try {
          out.close();
        } catch (IOException closing) {
          e.addSuppressed(closing);
        }
      }
      remove(temporary);
      throw e;
    }
  }

  private static Writer writer(OutputStream out) {
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }

  /** The writer of the output. */
  public Writer writer() {
    return writer;
  }

  /**
   * Flushes the output and, for a regular file, moves it into place.
   *
   * @throws OutputException when it cannot be written or moved
   */
  public void commit() throws OutputException {
    try {
      if (temporary == null) {
        writer.flush();
        if (ownsWriter) {
          writer.close();
        }
      } else {
        writer.close();
        try {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        PENDING.remove(temporary);
      }
      committed = true;
    } catch (OutputException e) {
      throw e;
    } catch (IOException e) {
      throw new OutputException(name, reason(e), e);
    }
  }

  @Override
  public void close() {
    if (committed) {
      return;
    }
    try {
      if (ownsWriter) {
        writer.close();
      }
    } catch (IOException e) {
      // What failed before matters more; the temporary is removed all the same.
    } finally {
      if (temporary != null) {
        remove(temporary);
      }
    }
  }

  private static void remove(Path temporary) {
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      // Nothing more to do on the way out.
    }
    PENDING.remove(temporary);
  }

  private static void removePending() {
    for (Path temporary : PENDING) {
      remove(temporary);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Says which output failed when a write does (a full disk, a closed pipe). */
  private static final class Reporting extends FilterOutputStream {
    private final String name;

    Reporting(OutputStream out, String name) {
      super(out);
      this.name = name;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw new OutputException(name, reason(e), e);
      }
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        throw new OutputException(name, reason(e), e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw new OutputException(name, reason(e), e);
      }
    }
  }
}
