package io.nexus.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.nexus.formats.InputException;
import io.nexus.formats.ga4.Ga4ExportReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The GA4 export as the driver finds it (NDJSON, gzip or not, or Parquet, with BigQuery's nested schema): read once
 * into compact rows kept between the passes, every row checked before any output, purchases of a transaction seen
 * before marked as such across partitions. Used on the driver only; not thread-safe.
 *
 * <p>"Before" means what the command line means by it, earlier in the file: rows are ordered by file (by path, for an
 * input of several), then by their place in it, which Spark gives as the start of the row's split of the file and its
 * position within that split's partition (NDJSON), or its row index (Parquet).
 */
final class Ga4Input {
  private static final int SHOWN_REJECTS = 10;
  private static final List<String> REQUIRED = List.of("event_name", "event_timestamp");

  final Dataset<Row> rows;
  final long rowsRead;
  final long duplicatePurchases;
  final String description;

  private Ga4Input(Dataset<Row> rows, long rowsRead, long duplicatePurchases, String description) {
    this.rows = rows;
    this.rowsRead = rowsRead;
    this.duplicatePurchases = duplicatePurchases;
    this.description = description;
  }

  /**
   * Reads and checks the export.
   *
   * @param files the data files, sorted by path
   * @throws JobException when the files hold no event, lack the export's columns, or any row is no usable event
   */
  static Ga4Input open(SparkSession spark, JobOptions options, List<String> files, boolean parquet,
      StorageLevel storage) {
    Dataset<Row> raw = parquet ? parquet(spark, options.input) : ndjson(spark, options.input);
    Dataset<Row> read = raw.mapPartitions(Ga4Rows.parser(raw.schema()), Encoders.row(Ga4Rows.SCHEMA))
        .persist(storage);
    try {
      Row counts = read.agg(count(lit(1)), count(col("reject_reason")),
          count(when(col("purchase").and(col("transaction_id").isNotNull()), lit(1))),
          countDistinct(when(col("purchase"), col("transaction_id")))).first();
      long rows = counts.getLong(0);
      long rejected = counts.getLong(1);
      if (rows == 0) {
        throw new JobException("--input " + options.input
            + ": empty input: expected GA4 export events, one JSON object per line (or Parquet rows)");
      }
      if (rejected > 0) {
        throw new JobException(rejectsMessage(spark, options.input, read, rows, rejected, parquet));
      }
      String description = "GA4 export, " + (parquet ? "Parquet" : "NDJSON") + " (" + files.size()
          + (files.size() == 1 ? " file" : " files") + ")";
      return new Ga4Input(read, rows, counts.getLong(2) - counts.getLong(3), description);
    } catch (RuntimeException e) {
      read.unpersist(false);
      throw e;
    }
  }

  /**
   * The rows with each purchase whose transaction id came on an earlier row (of any user) no longer a purchase: a
   * shuffle of the purchases by transaction id only, the other rows as they are.
   */
  Dataset<Row> deduplicated() {
    Column withId = col("purchase").and(col("transaction_id").isNotNull());
    Dataset<Row> purchases = rows.filter(withId)
        .withColumn("_nexus_rank", row_number().over(
            Window.partitionBy(col("transaction_id")).orderBy(col("file"), col("block"), col("position"))))
        .withColumn("purchase", col("_nexus_rank").equalTo(1))
        .withColumn("transaction_id", when(col("_nexus_rank").equalTo(1), col("transaction_id")))
        .withColumn("revenue", when(col("_nexus_rank").equalTo(1), col("revenue")))
        .drop("_nexus_rank");
    return rows.filter(withId.unary_$bang()).unionByName(purchases);
  }

  /** Frees the rows kept between the passes. */
  void release() {
    rows.unpersist(false);
  }

  private static Dataset<Row> ndjson(SparkSession spark, String input) {
    StructType schema = Ga4Rows.EXPORT_SCHEMA.add(Ga4Rows.CORRUPT, "string");
    Dataset<Row> raw = spark.read().schema(schema).option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", Ga4Rows.CORRUPT).json(input);
    List<Column> columns = new ArrayList<>();
    for (StructField field : Ga4Rows.EXPORT_SCHEMA.fields()) {
      columns.add(col(field.name()));
    }
    columns.add(col(Ga4Rows.CORRUPT));
    columns.add(col("_metadata.file_path").as(Ga4Rows.FILE));
    columns.add(col("_metadata.file_block_start").as(Ga4Rows.BLOCK));
    // Increasing along the partition, so along the split: with the split's start, the row's place in its file.
    columns.add(monotonically_increasing_id().as(Ga4Rows.POSITION));
    return raw.select(columns.toArray(Column[]::new));
  }

  private static Dataset<Row> parquet(SparkSession spark, String input) {
    Dataset<Row> raw;
    try {
      raw = spark.read().parquet(input);
    } catch (RuntimeException e) {
      throw new JobException("--input " + input + ": not readable as Parquet: " + e.getMessage(), e);
    }
    List<Column> columns = new ArrayList<>();
    List<String> present = new ArrayList<>();
    for (StructField wanted : Ga4Rows.EXPORT_SCHEMA.fields()) {
      for (StructField field : raw.schema().fields()) {
        if (field.name().equalsIgnoreCase(wanted.name())) {
          columns.add(col("`" + field.name() + "`").as(wanted.name()));
          present.add(wanted.name());
        }
      }
    }
    List<String> missing = new ArrayList<>(REQUIRED);
    missing.removeAll(present);
    if (!present.contains("user_pseudo_id") && !present.contains("user_id")) {
      missing.add("user_pseudo_id (or user_id)");
    }
    if (!missing.isEmpty()) {
      throw new JobException("--input " + input + ": not a GA4 export: no column " + String.join(", ", missing)
          + " (the columns are " + String.join(", ", raw.columns()) + ")");
    }
    columns.add(lit(null).cast("string").as(Ga4Rows.CORRUPT));
    columns.add(col("_metadata.file_path").as(Ga4Rows.FILE));
    columns.add(lit(0L).as(Ga4Rows.BLOCK));
    columns.add(col("_metadata.row_index").as(Ga4Rows.POSITION));
    return raw.select(columns.toArray(Column[]::new));
  }

  /**
   * The first rejected rows, each as {@code file: line N: reason} as the command line says it (NDJSON: the driver
   * finds the lines by reading the first files with a rejected row with the same code), or with the row's place and
   * text (Parquet).
   */
  private static String rejectsMessage(SparkSession spark, String input, Dataset<Row> read, long rows, long rejected,
      boolean parquet) {
    List<Row> first = read.filter(col("reject_reason").isNotNull())
        .orderBy(col("file"), col("block"), col("position")).limit(SHOWN_REJECTS).collectAsList();
    StringBuilder message = new StringBuilder("--input " + input + ": " + rejected + " of " + rows
        + (rows == 1 ? " row is" : " rows are") + " not GA4 export events that journeys can use; nothing is written. "
        + (rejected > SHOWN_REJECTS ? "The first " + SHOWN_REJECTS + ":" : rejected == 1 ? "It is:" : "They are:"));
    List<String> lines = parquet ? List.of() : lineMessages(spark, first);
    if (!lines.isEmpty()) {
      for (String line : lines) {
        message.append("\n  ").append(line);
      }
      return message.toString();
    }
    for (Row row : first) {
      String reason = row.getString(Ga4Rows.REJECT_REASON);
      String column = row.getString(17);
      message.append("\n  ").append(row.getString(14))
          .append(parquet ? ": row " + (row.getLong(16) + 1) : "")
          .append(": ").append(column == null ? "" : column + ": ").append(reason)
          .append(": ").append(row.getString(20));
    }
    return message.toString();
  }

  /** The command line's messages for the first bad lines of the files the rejected rows came from, in order. */
  private static List<String> lineMessages(SparkSession spark, List<Row> first) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<String> messages = new ArrayList<>();
    for (String file : first.stream().map(r -> r.getString(14)).distinct().toList()) {
      // The file is read only as far as its last rejected row among those shown.
      long wanted = first.stream().filter(r -> r.getString(14).equals(file)).count();
      long found = 0;
      Path path;
      try {
        path = new Path(new URI(file));
      } catch (URISyntaxException e) {
        path = new Path(file);
      }
      try (BufferedReader reader = open(path, conf)) {
        long line = 0;
        for (String text = reader.readLine(); text != null && found < wanted; text = reader.readLine()) {
          line++;
          if (text.isBlank()) {
            continue;
          }
          try {
            Ga4ExportReader.row(text, line);
          } catch (InputException e) {
            messages.add(path + ": " + e.getMessage());
            found++;
          }
        }
      } catch (IOException e) {
        messages.add(path + ": cannot be read again to find the line: " + e.getMessage());
      }
    }
    return messages;
  }

  private static BufferedReader open(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    InputStream raw = fs.open(path);
    InputStream in = codec == null ? raw : codec.createInputStream(raw);
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
