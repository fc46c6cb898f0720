package io.nexus.server.persistence;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Rows in PostgreSQL's binary COPY format. The text format makes the server parse every timestamp and numeric; the
 * binary one hands them over ready, which takes a good part of a bulk write's cost away. Java types map to column
 * types: Long to bigint, Integer to integer, BigDecimal to numeric, Instant to timestamptz, Boolean to boolean,
 * String to text/varchar.
 */
final class PgBinaryCopy {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
  /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
  private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

  private PgBinaryCopy() {}

  static byte[] encode(List<Object[]> rows, int columns) {
    Buffer out = new Buffer(rows.size() * 12 * columns + 32);
    out.write(SIGNATURE);
    out.writeInt(0);
    out.writeInt(0);
    for (Object[] row : rows) {
      out.writeShort(columns);
      for (Object value : row) {
        field(out, value);
      }
    }
    out.writeShort(-1);
    return out.bytes();
  }

  /** A growable big-endian byte buffer, unsynchronized: the encoder's hot loop writes millions of small fields. */
  static final class Buffer {
    private byte[] data;
    private int size;

    Buffer(int capacity) {
      data = new byte[Math.max(64, capacity)];
    }

    private void ensure(int more) {
      if (size + more > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
      }
    }

    void write(byte[] bytes) {
      ensure(bytes.length);
      System.arraycopy(bytes, 0, data, size, bytes.length);
      size += bytes.length;
    }

    void writeByte(int v) {
      ensure(1);
      data[size++] = (byte) v;
    }

    void writeShort(int v) {
      ensure(2);
      data[size++] = (byte) (v >>> 8);
      data[size++] = (byte) v;
    }

    void writeInt(int v) {
      ensure(4);
      data[size++] = (byte) (v >>> 24);
      data[size++] = (byte) (v >>> 16);
      data[size++] = (byte) (v >>> 8);
      data[size++] = (byte) v;
    }

    void writeLong(long v) {
      writeInt((int) (v >>> 32));
      writeInt((int) v);
    }

    byte[] bytes() {
      return Arrays.copyOf(data, size);
    }
  }

  private static void field(Buffer out, Object value) {
    if (value == null) {
      out.writeInt(-1);
    } else if (value instanceof Long l) {
      out.writeInt(8);
      out.writeLong(l);
    } else if (value instanceof Integer i) {
      out.writeInt(4);
      out.writeInt(i);
    } else if (value instanceof String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(utf8.length);
      out.write(utf8);
    } else if (value instanceof Instant t) {
      out.writeInt(8);
      out.writeLong(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000)
          - PG_EPOCH_MICROS);
    } else if (value instanceof Boolean b) {
      out.writeInt(1);
      out.writeByte(b ? 1 : 0);
    } else if (value instanceof BigDecimal d) {
      numeric(out, d);
    } else {
      throw new IllegalArgumentException("no binary COPY encoding for " + value.getClass().getName());
    }
  }

  /**
   * A numeric as PostgreSQL sends it: base-10000 digits with the weight of the first, a sign and the display
   * scale. The value is aligned so that the decimal point falls between two base-10000 digits.
   */
  static void numeric(Buffer out, BigDecimal value) {
    int scale = Math.max(0, value.scale());
    BigDecimal aligned = value.setScale(scale);
    // Pad the fraction to whole groups of four decimal digits.
    int fractionGroups = (scale + 3) / 4;
    BigInteger unscaled = aligned.unscaledValue().abs().multiply(BigInteger.TEN.pow(fractionGroups * 4 - scale));
    short[] groups = new short[unscaled.bitLength() / 13 + 2];
    int count = 0;
    if (unscaled.bitLength() < 63) {
      // Money and credits fit a long: no BigInteger division per group.
      long rest = unscaled.longValue();
      while (rest > 0) {
        groups[count++] = (short) (rest % 10_000);
        rest /= 10_000;
      }
    } else {
      while (unscaled.signum() > 0) {
        BigInteger[] qr = unscaled.divideAndRemainder(TEN_THOUSAND);
        groups[count++] = qr[1].shortValue();
        unscaled = qr[0];
      }
    }
    // groups[0] is the least significant; weight of the most significant group counts from the decimal point.
    int weight = count - fractionGroups - 1;
    int low = 0;
    while (low < count && groups[low] == 0) {
      low++;
    }
    int digits = count - low;
    out.writeInt(8 + 2 * digits);
    out.writeShort(digits);
    out.writeShort(digits == 0 ? 0 : weight);
    out.writeShort(value.signum() < 0 ? 0x4000 : 0);
    out.writeShort(scale);
    for (int i = count - 1; i >= low; i--) {
      out.writeShort(groups[i]);
    }
  }
}
