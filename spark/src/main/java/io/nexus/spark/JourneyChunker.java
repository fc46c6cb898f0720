package io.nexus.spark;

import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.PathTransform;
import io.nexus.engine.journey.ChannelGrouping;
import io.nexus.engine.journey.JourneyBuilder;
import io.nexus.engine.journey.UserEvent;
import io.nexus.formats.InputException;
import io.nexus.formats.touchpoints.ChannelRulesFile;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;

/**
 * Builds journeys on an executor from a partition of parsed event rows sorted by user: each user's events go through the
 * engine's {@link JourneyBuilder} exactly as on one machine, and the journeys are packed into columnar chunks.
 * Immutable and thread-safe; the iterators it returns are not.
 */
final class JourneyChunker implements Function2<Integer, Iterator<Row>, Iterator<JourneyChunk>>, Serializable {
  private static final long serialVersionUID = 1L;
  /** Chunk bounds: small enough to credit a chunk in memory, large enough that per-chunk costs vanish. */
  static final int CHUNK_JOURNEYS = 65_536;
  static final int CHUNK_TOUCHES = 1 << 20;

  private final double lookbackDays;
  private final PathTransform transform;
  private final String channelRules;
  private final boolean keepJourneys;
  private final UserRows userRows;

  /** How the rows of a partition sorted by user are read: which are rejected, whose they are, what events they make. */
  interface UserRows extends Serializable {
    boolean rejected(Row row);

    String user(Row row);

    /** The events of one user's rows, in the order the partition holds them. */
    List<UserEvent> events(List<Row> rows);
  }

  /** Touchpoint rows parsed by {@link EventRows}: one event per row. */
  static final UserRows TOUCHPOINTS = new UserRows() {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean rejected(Row row) {
      return EventRows.rejected(row);
    }

    @Override
    public String user(Row row) {
      return row.getString(EventRows.USER);
    }

    @Override
    public List<UserEvent> events(List<Row> rows) {
      List<UserEvent> events = new ArrayList<>(rows.size());
      for (Row row : rows) {
        events.add(EventRows.event(row));
      }
      return events;
    }
  };

  /**
   * @param channelRules the text of a channel rules file, or {@code null} for GA4's groups alone
   * @param keepJourneys whether chunks keep their journeys whole (for the service output)
   */
  JourneyChunker(double lookbackDays, PathTransform transform, String channelRules, boolean keepJourneys) {
    this(lookbackDays, transform, channelRules, keepJourneys, TOUCHPOINTS);
  }

  JourneyChunker(double lookbackDays, PathTransform transform, String channelRules, boolean keepJourneys,
      UserRows userRows) {
    this.userRows = userRows;
    this.lookbackDays = lookbackDays;
    this.transform = transform;
    this.channelRules = channelRules;
    this.keepJourneys = keepJourneys;
  }

  /** The journey builder the options describe; also how the driver checks the rules before any job runs. */
  static JourneyBuilder builder(double lookbackDays, PathTransform transform, String channelRules) {
    ChannelGrouping grouping = ChannelGrouping.ga4();
    if (channelRules != null) {
      try {
        grouping = ChannelRulesFile.read(new StringReader(channelRules));
      } catch (InputException e) {
        throw new JobException("--channel-rules: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return JourneyBuilder.defaults().lookbackDays(lookbackDays).transform(transform).grouping(grouping);
  }

  @Override
  public Iterator<JourneyChunk> call(Integer partition, Iterator<Row> rows) {
    return new Chunks(partition, rows, builder(lookbackDays, transform, channelRules));
  }

  /** Reads one user at a time and hands out a chunk whenever one is full. */
  private final class Chunks implements Iterator<JourneyChunk> {
    private final int partition;
    private final Iterator<Row> rows;
    private final JourneyBuilder journeys;
    // One dictionary per partition: chunks of a partition share it, passes map it to the global one.
    private final ChannelDictionary dictionary = new ChannelDictionary();
    private Row lookahead;
    private boolean started;
    private JourneyChunk next;

    Chunks(int partition, Iterator<Row> rows, JourneyBuilder journeys) {
      this.partition = partition;
      this.rows = rows;
      this.journeys = journeys;
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
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
      boolean first = !started;
      started = true;
      if (!first && lookahead == null && !rows.hasNext()) {
        return null;
      }
      JourneyBatch.Builder batch = JourneyBatch.builder(dictionary);
      List<Journey> kept = keepJourneys ? new ArrayList<>() : null;
      long read = 0;
      long rejected = 0;
      long users = 0;
      long expired = 0;
      long unattributed = 0;
      int touches = 0;
      List<Row> userRowList = new ArrayList<>();
      while (batch.size() < CHUNK_JOURNEYS && touches < CHUNK_TOUCHES) {
        Row row = lookahead != null ? lookahead : rows.hasNext() ? rows.next() : null;
        lookahead = null;
        if (row == null) {
          break;
        }
        read++;
        if (userRows.rejected(row)) {
          rejected++;
          continue;
        }
        String user = userRows.user(row);
        userRowList.clear();
        userRowList.add(row);
        while (rows.hasNext()) {
          Row more = rows.next();
          if (!userRows.rejected(more) && user.equals(userRows.user(more))) {
            userRowList.add(more);
            read++;
          } else {
            lookahead = more;
            break;
          }
        }
        users++;
        JourneyBuilder.Result built = journeys.buildUser(user, userRows.events(userRowList));
        expired += built.expiredTouches();
        unattributed += built.unattributedConversions();
        for (Journey journey : built.journeys()) {
          if (kept != null) {
            kept.add(journey);
          }
          batch.addJourney(journey);
          touches += journey.touchpoints().size();
        }
      }
      if (!first && batch.size() == 0 && read == 0) {
        return null;
      }
      return new JourneyChunk(partition, batch.build(), kept, 0, read, rejected, users, expired, unattributed);
    }
  }
}
