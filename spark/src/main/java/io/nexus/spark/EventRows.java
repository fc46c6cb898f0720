package io.nexus.spark;

import io.nexus.engine.journey.UserEvent;
import io.nexus.formats.InputException;
import io.nexus.formats.touchpoints.TouchpointFileReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Touchpoint rows parsed on the executors that read them, under the command line's rules: the typed event the journey
 * builder needs, or the reason the row was rejected. Stateless and thread-safe.
 */
final class EventRows {
  static final StructType SCHEMA = new StructType()
      .add("user_id", DataTypes.StringType, true)
      .add("epoch_second", DataTypes.LongType, false)
      .add("nano", DataTypes.IntegerType, false)
      .add("channel", DataTypes.StringType, true)
      .add("source", DataTypes.StringType, true)
      .add("medium", DataTypes.StringType, true)
      .add("campaign", DataTypes.StringType, true)
      .add("touchpoint_type", DataTypes.StringType, true)
      .add("cost", DataTypes.StringType, true)
      .add("engagement_score", DataTypes.DoubleType, true)
      .add("time_spent_seconds", DataTypes.LongType, false)
      .add("pages_viewed", DataTypes.IntegerType, false)
      .add("conversion", DataTypes.BooleanType, false)
      .add("conversion_type", DataTypes.StringType, true)
      .add("revenue", DataTypes.StringType, true)
      .add("reject_column", DataTypes.StringType, true)
      .add("reject_value", DataTypes.StringType, true)
      .add("reject_reason", DataTypes.StringType, true)
      .add("record", DataTypes.StringType, true)
      .add("file", DataTypes.StringType, true);
  static final int USER = 0;
  static final int REJECT_REASON = 17;

  private EventRows() {}

  /** Parses each row of text cells into an event row or a rejected row. */
  static MapPartitionsFunction<Row, Row> parser(RowLayout layout) {
    return rows -> new Iterator<>() {
      private final Map<String, Integer> positions = positions();

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        return parse(layout, positions, rows.next());
      }
    };
  }

  private static Map<String, Integer> positions() {
    Map<String, Integer> positions = new HashMap<>();
    for (int k = 0; k < TouchpointFileReader.COLUMNS.size(); k++) {
      positions.put(TouchpointFileReader.COLUMNS.get(k), k);
    }
    return positions;
  }

  private static Row parse(RowLayout layout, Map<String, Integer> positions, Row row) {
    UserEvent e;
    try {
      // No line numbers in a distributed read: rejects name the file and show the row instead.
      e = TouchpointFileReader.event(name -> layout.cell(row, positions.get(name)), layout.hasSource, 0);
    } catch (InputException problem) {
      return RowFactory.create(null, 0L, 0, null, null, null, null, null, null, null, 0L, 0, false, null, null,
          problem.column(), problem.value(), problem.reason(), layout.record(row), layout.file(row));
    }
    return RowFactory.create(e.userId(), e.timestamp().getEpochSecond(), e.timestamp().getNano(), e.channel(),
        e.source(), e.medium(), e.campaign(), e.touchpointType(), text(e.cost()), e.engagementScore(),
        e.timeSpentSeconds(), e.pagesViewed(), e.conversion(), e.conversionType(), text(e.revenue()),
        null, null, null, null, null);
  }

  private static String text(BigDecimal value) {
    return value == null ? null : value.toString();
  }

  /** Whether the parsed row is a rejected one. */
  static boolean rejected(Row row) {
    return !row.isNullAt(REJECT_REASON);
  }

  /** The event of a parsed row that was not rejected. */
  static UserEvent event(Row row) {
    return new UserEvent(row.getString(USER), Instant.ofEpochSecond(row.getLong(1), row.getInt(2)), row.getString(3),
        row.getString(4), row.getString(5), row.getString(6), row.getString(7), decimal(row.getString(8)),
        row.isNullAt(9) ? null : row.getDouble(9), row.getLong(10), row.getInt(11), row.getBoolean(12),
        row.getString(13), decimal(row.getString(14)));
  }

  private static BigDecimal decimal(String text) {
    return text == null ? null : new BigDecimal(text);
  }
}
