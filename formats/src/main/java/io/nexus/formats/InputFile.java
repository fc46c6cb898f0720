package io.nexus.formats;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An input opened for reading: {@code -} is standard input, gzip data (known by its first two bytes, whatever the
 * name) is decompressed as it is read, and the bytes taken from the file are counted for progress reports. Not
 * thread-safe, except {@link #bytesRead()}, which any thread may call.
 */
public final class InputFile implements AutoCloseable {
  /** The name that stands for standard input. */
  public static final String STANDARD_INPUT = "-";
  /** What bytes that are not UTF-8 read as from {@link #reader()}: a noncharacter that text never holds. */
  public static final char NOT_UTF8 = '\uFFFF';
  /** Why text holding {@link #NOT_UTF8} is refused. */
  public static final String NOT_UTF8_REASON = "not UTF-8 text; save the file as UTF-8";
  private static final int GZIP_MAGIC = 0x8b1f;

  private final String name;
  private final long size;
  private final Counting counted;
  private final InputStream stream;
  private final boolean compressed;

  private InputFile(String name, long size, InputStream raw, boolean closeRaw) throws IOException {
    this.name = name;
    this.size = size;
    this.counted = new Counting(raw, closeRaw);
    PushbackInputStream peek = new PushbackInputStream(counted, 2);
    byte[] magic = peek.readNBytes(2);
    peek.unread(magic);
    this.compressed = magic.length == 2 && ((magic[0] & 0xff) | (magic[1] & 0xff) << 8) == GZIP_MAGIC;
    this.stream = compressed ? new GZIPInputStream(peek, 1 << 16) : peek;
  }

  /**
   * Opens {@code path}, or {@code standardInput} when the path is {@code -} (which is then left open on close).
   *
   * @throws java.nio.file.NoSuchFileException when there is no such file
   */
  public static InputFile open(Path path, InputStream standardInput) throws IOException {
    if (path.toString().equals(STANDARD_INPUT)) {
      return new InputFile("standard input", -1, standardInput, false);
    }
    long size = Files.isRegularFile(path) ? Files.size(path) : -1;
    return new InputFile(path.toString(), size, Files.newInputStream(path), true);
  }

  /** The decompressed bytes. */
  public InputStream stream() {
    return stream;
  }

  /**
   * The text, decoded as UTF-8, with {@link #NOT_UTF8} in place of bytes that are not UTF-8: a reader finds them in
   * the cells it reads and can say on which line they are, which a decoder that fails ahead of the parser cannot.
   */
  public BufferedReader reader() {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith(String.valueOf(NOT_UTF8));
    return new BufferedReader(new InputStreamReader(stream, utf8), 1 << 16);
  }

  /** The file's name as given, or {@code standard input}. */
  public String name() {
    return name;
  }

  /** The size of the file in bytes (compressed, if it is), or -1 when unknown (standard input, pipes). */
  public long size() {
    return size;
  }

  /** A guess of the decompressed size, for sizing what is read into; 1 MB when nothing is known. */
  public long sizeHint() {
    if (size < 0) {
      return 1 << 20;
    }
    // Text of this kind compresses about five times.
    return compressed ? size * 5 : size;
  }

  /** Whether the bytes are gzip-compressed. */
  public boolean compressed() {
    return compressed;
  }

  /** The bytes taken from the file so far, compressed if it is: comparable with {@link #size()}. */
  public long bytesRead() {
    return counted.count;
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }

  /** Counts what passes; reads come in large blocks, so counting costs nothing measurable. */
  private static final class Counting extends FilterInputStream {
    private final boolean closeSource;
    private volatile long count;

    Counting(InputStream in, boolean closeSource) {
      super(in);
      this.closeSource = closeSource;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(n);
      count += skipped;
      return skipped;
    }

    @Override
    public void close() throws IOException {
      if (closeSource) {
        in.close();
      }
    }
  }
}
