package io.nexus.spark;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.nexus.formats.CsvHeader;
import io.nexus.formats.InputException;
import io.nexus.formats.paths.PathFileReader;
import io.nexus.formats.touchpoints.TouchpointFileReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.storage.StorageLevel;

/**
 * The job's input as the driver finds it: which files, CSV or Parquet, which layout, which columns; checked before any
 * output is written, and turned into rows of text cells that executors read under the command line's rules. Used on
 * the driver only; not thread-safe.
 */
final class InputSource {
  static final String CORRUPT = "_nexus_corrupt_record";
  static final String FILE = "_nexus_file";
  static final List<String> PATH_COLUMNS =
      List.of("path", "total_conversions", "total_conversion_value", "total_null");

  final RowLayout layout;
  final Dataset<Row> cells;
  final String description;
  /** The GA4 export's rows, for {@code --format ga4-export}; else {@code null}. */
  final Ga4Input ga4;

  private InputSource(RowLayout layout, Dataset<Row> cells, String description) {
    this(layout, cells, description, null);
  }

  private InputSource(RowLayout layout, Dataset<Row> cells, String description, Ga4Input ga4) {
    this.layout = layout;
    this.cells = cells;
    this.description = description;
    this.ga4 = ga4;
  }

  /**
   * Finds and checks the input.
   *
   * @throws JobException when the path matches nothing, holds no data, or lacks the columns the layout needs
   */
  static InputSource open(SparkSession spark, JobOptions options) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<FileStatus> files = dataFiles(options.input, conf);
    boolean parquet = switch (options.fileFormat) {
      case csv, json -> false;
      case parquet -> true;
      case auto -> looksLikeParquet(files, conf);
    };
    if (options.layout == JobOptions.Layout.ga4_export) {
      Ga4Input ga4 = Ga4Input.open(spark, options, files.stream().map(f -> f.getPath().toString()).toList(), parquet,
          StorageLevel.fromString(options.storageLevel));
      return new InputSource(RowLayout.ga4(), null, ga4.description, ga4);
    }
    return parquet ? parquet(spark, options, files) : csv(spark, options, files, conf);
  }

  private static List<FileStatus> dataFiles(String input, Configuration conf) {
    List<FileStatus> files = new ArrayList<>();
    try {
      Path path = new Path(input);
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matched = fs.globStatus(path);
      if (matched == null || matched.length == 0) {
        throw new JobException("--input " + input + ": no such file or directory");
      }
      for (FileStatus status : matched) {
        if (status.isDirectory()) {
          RemoteIterator<LocatedFileStatus> it = fs.listFiles(status.getPath(), true);
          while (it.hasNext()) {
            LocatedFileStatus file = it.next();
            if (!hidden(file.getPath(), status.getPath())) {
              files.add(file);
            }
          }
        } else if (!hidden(status.getPath(), status.getPath().getParent())) {
          files.add(status);
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new JobException("--input " + input + ": cannot be listed: " + e.getMessage(), e);
    }
    files.removeIf(f -> f.getLen() == 0);
    if (files.isEmpty()) {
      throw new JobException("--input " + input + ": no data files (only empty or hidden files)");
    }
    files.sort(Comparator.comparing(f -> f.getPath().toString()));
    return files;
  }

  /** Spark skips files and directories whose names start with {@code _} or {@code .}; so do we. */
  private static boolean hidden(Path file, Path root) {
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      String name = p.getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean looksLikeParquet(List<FileStatus> files, Configuration conf) {
    String first = files.get(0).getPath().getName().toLowerCase(Locale.ROOT);
    if (first.endsWith(".parquet") || first.contains(".parquet.")) {
      return true;
    }
    if (first.endsWith(".csv") || first.endsWith(".tsv") || first.endsWith(".txt") || first.contains(".csv.")) {
      return false;
    }
    Path path = files.get(0).getPath();
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      byte[] magic = in.readNBytes(4);
      return Arrays.equals(magic, "PAR1".getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new JobException("--input " + path + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static InputSource csv(SparkSession spark, JobOptions options, List<FileStatus> files, Configuration conf) {
    Path first = files.get(0).getPath();
    String header = firstLine(first, conf);
    if (header == null || header.isBlank()) {
      throw new JobException("--input " + first + ": empty input: expected a header line");
    }
    if (header.startsWith("\uFEFF")) {
      header = header.substring(1);
    }
    CsvHeader parsed = CsvHeader.parse(header);
    char delimiter = parsed.delimiter();
    List<String> names = parsed.names();
    RowLayout layout = layout(options, names, first.toString(), delimiter);
    // Named as in the header only so that Spark does not warn that they differ; cells are taken by position.
    StructType schema = new StructType();
    for (String name : names) {
      schema = schema.add(name, DataTypes.StringType, true);
    }
    schema = schema.add(CORRUPT, DataTypes.StringType, true);
    // Positional columns: the header of every file is checked against the first file's on the driver, so a file
    // with another column order fails the job instead of being read wrongly.
    checkHeaders(files, conf, header, first);
    Dataset<Row> raw = spark.read().format("csv")
        .option("header", "true")
        .option("enforceSchema", "true")
        .option("sep", String.valueOf(delimiter))
        .option("quote", "\"")
        .option("escape", "\"")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .option("encoding", "UTF-8")
        .schema(schema)
        .load(options.input);
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      columns.add(col("`" + names.get(i).replace("`", "``") + "`").as("c" + i));
    }
    columns.add(col(CORRUPT));
    columns.add(input_file_name().as(FILE));
    return new InputSource(layout, raw.select(columns.toArray(Column[]::new)),
        "CSV (" + files.size() + (files.size() == 1 ? " file" : " files") + ")");
  }

  /** The first line of the (possibly compressed) file, UTF-8. */
  private static String firstLine(Path path, Configuration conf) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
      InputStream raw = fs.open(path);
      InputStream in = codec == null ? raw : codec.createInputStream(raw);
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        return reader.readLine();
      }
    } catch (IOException e) {
      throw new JobException("--input " + path + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static void checkHeaders(List<FileStatus> files, Configuration conf, String header, Path first) {
    // Bounded so that a lake of many thousand files does not keep the driver busy; Spark's reader then reads the
    // remaining files by position.
    int checked = Math.min(files.size(), 256);
    for (int i = 1; i < checked; i++) {
      Path path = files.get(i).getPath();
      String other = firstLine(path, conf);
      if (other != null && other.startsWith("\uFEFF")) {
        other = other.substring(1);
      }
      if (!header.equals(other)) {
        throw new JobException("--input " + path + ": header \"" + other + "\" differs from \"" + header + "\" of "
            + first + "; every CSV file of one input must have the same columns in the same order");
      }
    }
  }

  private static InputSource parquet(SparkSession spark, JobOptions options, List<FileStatus> files) {
    Dataset<Row> raw;
    try {
      raw = spark.read().parquet(options.input);
    } catch (RuntimeException e) {
      throw new JobException("--input " + options.input + ": not readable as Parquet: " + e.getMessage(), e);
    }
    List<String> names = new ArrayList<>();
    for (StructField field : raw.schema().fields()) {
      names.add(field.name());
    }
    RowLayout layout = layout(options, names, options.input, ',');
    // Parquet rows carry only the columns the layout reads, as text, in the layout's order.
    List<String> wanted = layout.paths ? PATH_COLUMNS : TouchpointFileReader.COLUMNS;
    List<Column> columns = new ArrayList<>();
    int[] index = new int[wanted.size()];
    Arrays.fill(index, -1);
    for (int k = 0; k < wanted.size(); k++) {
      String name = wanted.get(k);
      StructField field = fieldOf(raw.schema(), name);
      if (field != null) {
        index[k] = columns.size();
        columns.add(asText(field, name, options.pathSeparator()).as("c" + columns.size()));
      }
    }
    int dataColumns = columns.size();
    columns.add(lit(null).cast(DataTypes.StringType).as(CORRUPT));
    columns.add(input_file_name().as(FILE));
    RowLayout parquetLayout = new RowLayout(layout.paths, index, dataColumns, ',', layout.hasSource);
    return new InputSource(parquetLayout, raw.select(columns.toArray(Column[]::new)),
        "Parquet (" + files.size() + (files.size() == 1 ? " file" : " files") + ")");
  }

  private static StructField fieldOf(StructType schema, String name) {
    for (StructField field : schema.fields()) {
      if (field.name().strip().toLowerCase(Locale.ROOT).equals(name)) {
        return field;
      }
    }
    return null;
  }

  /** The column as the text a CSV file would hold, so that one set of parsing rules serves both formats. */
  private static Column asText(StructField field, String name, String pathSeparator) {
    Column c = col("`" + field.name().replace("`", "``") + "`");
    DataType type = field.dataType();
    if (type instanceof StringType) {
      return c;
    }
    if (type instanceof TimestampType) {
      // An instant with its offset: exact whatever the session's time zone.
      return date_format(c, "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");
    }
    if (type instanceof TimestampNTZType || type instanceof DateType || type instanceof BooleanType
        || type instanceof IntegralType || type instanceof DecimalType) {
      return c.cast(DataTypes.StringType);
    }
    if (type instanceof DoubleType || type instanceof FloatType) {
      if (name.equals("time_spent_seconds") || name.equals("pages_viewed") || name.equals("conversion")) {
        // Whole numbers stored as floating point (pandas does that to columns with gaps) read as whole numbers.
        return when(c.equalTo(c.cast(DataTypes.LongType)), c.cast(DataTypes.LongType).cast(DataTypes.StringType))
            .otherwise(c.cast(DataTypes.StringType));
      }
      return c.cast(DataTypes.StringType);
    }
    if (name.equals("path") && type instanceof ArrayType array && array.elementType() instanceof StringType) {
      return array_join(c, pathSeparator);
    }
    throw new JobException("--input: column " + field.name() + " has type " + type.simpleString()
        + ", expected text, a number, a boolean, a date or a timestamp"
        + (name.equals("path") ? " (or an array of channel names)" : ""));
  }

  private static RowLayout layout(JobOptions options, List<String> names, String where, char delimiter) {
    Map<String, Integer> columns;
    try {
      columns = CsvHeader.columns(names, String.valueOf(delimiter));
    } catch (InputException e) {
      throw new JobException("--input " + where + ": " + e.getMessage());
    }
    boolean paths = switch (options.layout) {
      case paths -> true;
      case touchpoints, ga4_export -> false;
      case auto -> columns.containsKey("path") && columns.containsKey("total_conversions");
    };
    if (paths) {
      for (String required : List.of("path", "total_conversions")) {
        if (!columns.containsKey(required)) {
          throw new JobException("--input " + where + ": line 1: header \"" + String.join(",", names)
              + "\": missing column " + required + ", expected " + PathFileReader.EXPECTED_HEADER);
        }
      }
    } else {
      try {
        TouchpointFileReader.columns(names);
      } catch (InputException e) {
        throw new JobException("--input " + where + ": " + e.getMessage()
            + (options.layout == JobOptions.Layout.auto ? " (nor is it a path file: " + PathFileReader.EXPECTED_HEADER
                + ")" : ""));
      }
    }
    List<String> wanted = paths ? PATH_COLUMNS : TouchpointFileReader.COLUMNS;
    int[] index = new int[wanted.size()];
    for (int k = 0; k < index.length; k++) {
      index[k] = columns.getOrDefault(wanted.get(k), -1);
    }
    return new RowLayout(paths, index, names.size(), delimiter, columns.containsKey("source"));
  }
}
