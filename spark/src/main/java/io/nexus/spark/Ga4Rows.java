package io.nexus.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nexus.engine.journey.UserEvent;
import io.nexus.formats.InputException;
import io.nexus.formats.ga4.Ga4ExportReader;
import io.nexus.formats.ga4.Ga4ExportReader.Ga4Row;
import io.nexus.formats.ga4.Ga4ExportReader.Traffic;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * GA4 export events on the executors: each row of the export (an NDJSON line or a Parquet row, nested as BigQuery
 * writes it) read by the formats module's {@link Ga4ExportReader#row(JsonNode, long)}, the very code of the command
 * line and the service, into the fields journeys need, and a user's rows turned into touches and conversions by its
 * {@link Ga4ExportReader.Collector}. Stateless and thread-safe.
 */
final class Ga4Rows {
  /** The part of the export's schema that journeys read, every value as text: BigQuery writes INT64 as strings. */
  static final StructType EXPORT_SCHEMA = new StructType()
      .add("event_name", DataTypes.StringType)
      .add("event_timestamp", DataTypes.StringType)
      .add("user_id", DataTypes.StringType)
      .add("user_pseudo_id", DataTypes.StringType)
      .add("event_params", DataTypes.createArrayType(new StructType()
          .add("key", DataTypes.StringType)
          .add("value", new StructType()
              .add("string_value", DataTypes.StringType)
              .add("int_value", DataTypes.StringType)
              .add("float_value", DataTypes.StringType)
              .add("double_value", DataTypes.StringType))))
      .add("session_traffic_source_last_click", new StructType()
          .add("manual_campaign", new StructType()
              .add("source", DataTypes.StringType)
              .add("medium", DataTypes.StringType)
              .add("campaign_name", DataTypes.StringType)))
      .add("collected_traffic_source", new StructType()
          .add("manual_source", DataTypes.StringType)
          .add("manual_medium", DataTypes.StringType)
          .add("manual_campaign_name", DataTypes.StringType)
          .add("gclid", DataTypes.StringType))
      .add("ecommerce", new StructType()
          .add("transaction_id", DataTypes.StringType)
          .add("purchase_revenue", DataTypes.StringType));

  /** A read row: the event's fields, where it was in the input, or why it was rejected. */
  static final StructType SCHEMA = new StructType()
      .add("user_id", DataTypes.StringType, true)
      .add("micros", DataTypes.LongType, false)
      .add("session_id", DataTypes.StringType, true)
      .add("last_click", DataTypes.BooleanType, false)
      .add("last_click_source", DataTypes.StringType, true)
      .add("last_click_medium", DataTypes.StringType, true)
      .add("last_click_campaign", DataTypes.StringType, true)
      .add("collected", DataTypes.BooleanType, false)
      .add("collected_source", DataTypes.StringType, true)
      .add("collected_medium", DataTypes.StringType, true)
      .add("collected_campaign", DataTypes.StringType, true)
      .add("purchase", DataTypes.BooleanType, false)
      .add("transaction_id", DataTypes.StringType, true)
      .add("revenue", DataTypes.StringType, true)
      .add("file", DataTypes.StringType, true)
      .add("block", DataTypes.LongType, false)
      .add("position", DataTypes.LongType, false)
      .add("reject_column", DataTypes.StringType, true)
      .add("reject_value", DataTypes.StringType, true)
      .add("reject_reason", DataTypes.StringType, true)
      .add("record", DataTypes.StringType, true);
  static final int REJECT_REASON = 19;
  /** Input columns after the export's own: the raw line Spark could not read, the file and the row's place in it. */
  static final String CORRUPT = InputSource.CORRUPT;
  static final String FILE = InputSource.FILE;
  static final String BLOCK = "_nexus_block";
  static final String POSITION = "_nexus_position";
  private static final int MAX_RECORD = 2_000;

  private Ga4Rows() {}

  /**
   * Reads each input row with the shared GA4 code; {@code input} holds export columns followed by {@link #CORRUPT},
   * {@link #FILE}, {@link #BLOCK} and {@link #POSITION}.
   */
  static MapPartitionsFunction<Row, Row> parser(StructType input) {
    int exportColumns = input.fields().length - 4;
    return rows -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        return parse(input, exportColumns, rows.next());
      }
    };
  }

  private static Row parse(StructType schema, int exportColumns, Row row) {
    String corrupt = row.getString(exportColumns);
    String file = row.getString(exportColumns + 1);
    long block = row.getLong(exportColumns + 2);
    long position = row.getLong(exportColumns + 3);
    String record = corrupt;
    try {
      // A line Spark's reader could not fit to the schema is read as the command line reads it, from its text.
      Ga4Row r;
      if (corrupt != null) {
        r = Ga4ExportReader.row(corrupt, 0);
      } else {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < exportColumns; i++) {
          StructField field = schema.fields()[i];
          event.set(field.name(), json(row.get(i), field.dataType()));
        }
        record = event.toString();
        r = Ga4ExportReader.row(event, 0);
      }
      Traffic lc = r.lastClick();
      Traffic ct = r.collected();
      return RowFactory.create(r.user(), r.micros(), r.sessionId(), lc != null, lc == null ? null : lc.source(),
          lc == null ? null : lc.medium(), lc == null ? null : lc.campaign(), ct != null,
          ct == null ? null : ct.source(), ct == null ? null : ct.medium(), ct == null ? null : ct.campaign(),
          r.purchase(), r.transactionId(), r.revenue() == null ? null : r.revenue().toString(), file, block,
          position, null, null, null, null);
    } catch (InputException e) {
      String shown = record == null ? null : record.length() > MAX_RECORD ? record.substring(0, MAX_RECORD) + "..."
          : record;
      return RowFactory.create(null, 0L, null, false, null, null, null, false, null, null, null, false, null, null,
          file, block, position, e.column(), e.value(), e.reason(), shown);
    }
  }

  /** A Spark value as the JSON tree the export's line would hold. */
  static JsonNode json(Object value, DataType type) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value == null) {
      return nodes.nullNode();
    }
    if (type instanceof StructType struct) {
      Row row = (Row) value;
      ObjectNode object = nodes.objectNode();
      StructField[] fields = struct.fields();
      for (int i = 0; i < fields.length; i++) {
        object.set(fields[i].name(), json(row.get(i), fields[i].dataType()));
      }
      return object;
    }
    if (type instanceof ArrayType array) {
      ArrayNode list = nodes.arrayNode();
      for (Object element : scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) value)) {
        list.add(json(element, array.elementType()));
      }
      return list;
    }
    if (type instanceof StringType) {
      return nodes.textNode((String) value);
    }
    if (type instanceof IntegralType) {
      return nodes.numberNode(((Number) value).longValue());
    }
    if (type instanceof DoubleType) {
      return nodes.numberNode((Double) value);
    }
    if (type instanceof FloatType) {
      // As the float's shortest decimal form, which is what an NDJSON export of the same value holds.
      return nodes.numberNode(Double.parseDouble(value.toString()));
    }
    if (type instanceof DecimalType) {
      return nodes.numberNode((BigDecimal) value);
    }
    if (type instanceof BooleanType) {
      return nodes.booleanNode((Boolean) value);
    }
    return nodes.textNode(value.toString());
  }

  /** Whether a read row was rejected. */
  static boolean rejected(Row row) {
    return !row.isNullAt(REJECT_REASON);
  }

  /** GA4 rows of one user, sorted by their place in the input, to touches and conversions. */
  static final JourneyChunker.UserRows USER_ROWS = new JourneyChunker.UserRows() {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean rejected(Row row) {
      return Ga4Rows.rejected(row);
    }

    @Override
    public String user(Row row) {
      return row.getString(0);
    }

    @Override
    public List<UserEvent> events(List<Row> rows) {
      Ga4ExportReader.Collector collector = new Ga4ExportReader.Collector();
      long line = 0;
      for (Row row : rows) {
        collector.add(ga4Row(row, ++line));
      }
      List<UserEvent> events = new ArrayList<>();
      for (Ga4ExportReader.Ga4Event e : collector.events()) {
        events.add(e.event());
      }
      return events;
    }
  };

  private static Ga4Row ga4Row(Row row, long line) {
    Traffic lastClick = row.getBoolean(3) ? new Traffic(row.getString(4), row.getString(5), row.getString(6)) : null;
    Traffic collected = row.getBoolean(7) ? new Traffic(row.getString(8), row.getString(9), row.getString(10)) : null;
    String revenue = row.getString(13);
    return new Ga4Row(line, row.getString(0), row.getLong(1), row.getString(2), lastClick, collected,
        row.getBoolean(11), row.getString(12), revenue == null ? null : new BigDecimal(revenue));
  }
}
