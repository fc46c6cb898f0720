package io.nexus.spark;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.PathTransform;
import io.nexus.engine.JourneyBatch;
import io.nexus.formats.InputException;
import io.nexus.formats.paths.PathFileReader;
import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Reads a partition of ChannelAttribution path rows into columnar chunks on an executor, each row under the command
 * line's rules ({@link PathFileReader.FieldReader}), the path transform applied as the command line does. Immutable
 * and thread-safe; the iterators it returns are not.
 */
final class PathChunker implements Function2<Integer, Iterator<Row>, Iterator<JourneyChunk>>, Serializable {
  private static final long serialVersionUID = 1L;

  private final RowLayout layout;
  private final String separator;
  private final PathTransform transform;

  PathChunker(RowLayout layout, String separator, PathTransform transform) {
    this.layout = layout;
    this.separator = separator;
    this.transform = transform;
  }

  @Override
  public Iterator<JourneyChunk> call(Integer partition, Iterator<Row> rows) {
    ChannelDictionary dictionary = new ChannelDictionary();
    return new Iterator<>() {
      private boolean started;
      private long validBefore;
      private JourneyChunk next;

      @Override
      public boolean hasNext() {
        if (next == null && (!started || rows.hasNext())) {
          next = fill();
        }
        return next != null;
      }

      @Override
      public JourneyChunk next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        JourneyChunk chunk = next;
        next = null;
        return chunk;
      }

      private JourneyChunk fill() {
        started = true;
        PathFileReader.FieldReader reader = reader(dictionary);
        long read = 0;
        long rejected = 0;
        while (reader.size() < JourneyChunker.CHUNK_JOURNEYS && rows.hasNext()) {
          Row row = rows.next();
          read++;
          if (add(reader, row) != null) {
            rejected++;
          }
        }
        JourneyBatch batch = reader.build().transformed(transform);
        JourneyChunk chunk = new JourneyChunk(partition, batch, null, validBefore, read, rejected, 0, 0, 0);
        validBefore += batch.size();
        return chunk;
      }
    };
  }

  private PathFileReader.FieldReader reader(ChannelDictionary dictionary) {
    return new PathFileReader.FieldReader(separator, dictionary, layout.index[2] >= 0, layout.index[3] >= 0);
  }

  /** Adds the row to the reader; the problem when it cannot be read, else {@code null}. */
  private InputException add(PathFileReader.FieldReader reader, Row row) {
    try {
      // No line numbers in a distributed read: rejects name the file and show the row instead.
      reader.add(layout.cell(row, 0), layout.cell(row, 1), layout.cell(row, 2), layout.cell(row, 3), 0);
      return null;
    } catch (InputException e) {
      return e;
    }
  }

  /** The rejected rows of a partition, in the rejects output's layout (file, record, column, value, reason). */
  Iterator<Row> rejects(Iterator<Row> rows) {
    return new Iterator<>() {
      private PathFileReader.FieldReader reader = reader(new ChannelDictionary());
      private Row next;

      @Override
      public boolean hasNext() {
        while (next == null && rows.hasNext()) {
          Row row = rows.next();
          InputException problem = add(reader, row);
          if (problem != null) {
            next = RowFactory.create(layout.file(row), layout.record(row), problem.column(), problem.value(),
                problem.reason());
          }
          if (reader.size() >= JourneyChunker.CHUNK_JOURNEYS) {
            // Only the rejects matter here: start afresh rather than keep the good rows.
            reader = reader(new ChannelDictionary());
          }
        }
        return next != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = next;
        next = null;
        return row;
      }
    };
  }
}
