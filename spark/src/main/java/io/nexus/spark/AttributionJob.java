package io.nexus.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import io.nexus.engine.Attribution;
import io.nexus.engine.Attribution.ModelRun;
import io.nexus.engine.AttributionModel;
import io.nexus.engine.Channel;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.ChannelTotals.ChannelTotal;
import io.nexus.engine.FittedModel;
import io.nexus.engine.JourneyId;
import io.nexus.engine.Models;
import io.nexus.engine.PathTransform;
import io.nexus.engine.TrainingStatistics;
import io.nexus.engine.batch.JourneyBatch;
import io.nexus.formats.ResultFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import picocli.CommandLine;

/**
 * The attribution job for Apache Spark: reads touchpoints or ChannelAttribution paths (CSV or Parquet), builds journeys
 * per user on the executors with the engine's journey builder, runs the engine's models and writes the same channel
 * totals as {@code nexus attribute}, journey-level credits as Parquet, the rejected rows, and optionally the results
 * into the service's database. Stateless and thread-safe; one run at a time per {@link SparkSession} is advised.
 *
 * <p>Data-driven models learn in two phases: each partition counts what the model needs (Markov transition counts and
 * per-state conversions and value; Shapley's per channel set and the counterfactual's per path conversions and
 * nulls), the counts are merged up a tree, the model is solved once on the driver by the engine, and the fit is
 * broadcast so that every executor credits its own journeys. The driver only ever holds such model-sized aggregates,
 * never journeys.
 *
 * <p>Run it with {@code spark-submit --class io.nexus.spark.AttributionJob nexus-spark-job.jar --input PATH --output
 * DIR ...} or locally with {@code bin/nexus-spark}; {@code --help} lists the arguments.
 */
public final class AttributionJob {
  /** Exit code for input, schema or options the user must fix. */
  public static final int BAD_INPUT = 2;

  static final StructType CREDITS_SCHEMA = new StructType()
      .add("journey_id", DataTypes.StringType, false)
      .add("user_id", DataTypes.StringType, true)
      .add("model", DataTypes.StringType, false)
      .add("channel", DataTypes.StringType, false)
      .add("credit", DataTypes.DoubleType, false)
      .add("attributed_conversions", DataTypes.DoubleType, false)
      .add("attributed_value", DataTypes.DoubleType, false);
  static final StructType REJECTS_SCHEMA = new StructType()
      .add("file", DataTypes.StringType, true)
      .add("record", DataTypes.StringType, true)
      .add("column", DataTypes.StringType, true)
      .add("value", DataTypes.StringType, true)
      .add("reason", DataTypes.StringType, true);

  private AttributionJob() {}

  /** Runs the job in the session {@code spark-submit} (or {@code -Dspark.master}, default {@code local[*]}) sets up. */
  public static void main(String[] args) {
    System.exit(main(args, System.out, System.err));
  }

  static int main(String[] args, PrintStream out, PrintStream err) {
    JobOptions options = new JobOptions();
    CommandLine commandLine = JobOptions.commandLine(options);
    try {
      commandLine.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      err.println(e.getMessage());
      commandLine.usage(err);
      return BAD_INPUT;
    }
    if (commandLine.isUsageHelpRequested()) {
      commandLine.usage(out);
      return 0;
    }
    if (commandLine.isVersionHelpRequested()) {
      commandLine.printVersionHelp(out);
      return 0;
    }
    SparkSession.Builder builder = SparkSession.builder().appName("nexus-spark");
    if (!new org.apache.spark.SparkConf().contains("spark.master")) {
      builder.master("local[*]");
    }
    SparkSession spark = builder.getOrCreate();
    try {
      JobSummary summary = run(spark, options);
      for (String line : summary.lines()) {
        err.println("nexus-spark: " + line);
      }
      return 0;
    } catch (JobException e) {
      err.println("nexus-spark: " + e.getMessage());
      return BAD_INPUT;
    } catch (RuntimeException e) {
      err.println("nexus-spark: failed: " + e);
      e.printStackTrace(err);
      return 1;
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs the job with command-line style arguments in an existing session and returns its summary.
   *
   * @throws JobException when the input, its schema or an option must be fixed; nothing has been written then
   */
  public static JobSummary run(SparkSession spark, String... args) {
    JobOptions options = new JobOptions();
    try {
      JobOptions.commandLine(options).parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new JobException(e.getMessage(), e);
    }
    return run(spark, options);
  }

  static JobSummary run(SparkSession spark, JobOptions options) {
    return new Run(spark, options).execute();
  }

  /** One run: the driver's side of the job. */
  private static final class Run {
    private final SparkSession spark;
    private final JavaSparkContext jsc;
    private final JobOptions options;
    private final Configuration conf;
    private final long started = System.nanoTime();
    private final Instant runStart = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final List<Broadcast<?>> broadcasts = new ArrayList<>();

    Run(SparkSession spark, JobOptions options) {
      this.spark = spark;
      this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      this.options = options;
      this.conf = spark.sparkContext().hadoopConfiguration();
    }

    JobSummary execute() {
      // Everything that can be wrong with the options, the input or the database is found before any output.
      options.check();
      Map<String, AttributionModel> models = options.resolvedModels();
      PathTransform transform = options.resolvedTransform();
      String rules = options.channelRules == null ? null : readText(options.channelRules);
      JourneyChunker.builder(options.lookbackDays(), transform, rules);
      Path output = new Path(options.output);
      FileSystem fs = fileSystem(output);
      boolean existed = checkOutput(fs, output);
      InputSource input = InputSource.open(spark, options);
      if (input.layout.paths) {
        for (AttributionModel model : models.values()) {
          if (model.needsTimes()) {
            throw new JobException("--models: " + model.spec().label()
                + ": needs touch and conversion times; path files have none, use touchpoint data");
          }
        }
        if (options.jdbcUrl != null) {
          throw new JobException("--jdbc-url: needs touchpoint input; path rows are aggregates, not journeys");
        }
      }
      String password = options.jdbcUrl == null ? null : System.getenv(options.jdbcPasswordEnv);
      if (options.jdbcUrl != null) {
        JdbcResults.check(options.jdbcUrl, options.jdbcUser, password);
      }
      progress("reading " + input.description + " as " + input.layout.layoutName() + " from " + options.input);

      JavaRDD<JourneyChunk> chunks = null;
      try {
        if (existed) {
          fs.delete(output, true);
        }
        fs.mkdirs(output);
        chunks = chunks(input, transform, rules).persist(StorageLevel.fromString(options.storageLevel));
        return attribute(input, models, chunks, output, fs, password);
      } catch (IOException e) {
        removeQuietly(fs, output);
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        if (!(e instanceof JobException job && job.keepsOutput())) {
          removeQuietly(fs, output);
        }
        throw e;
      } finally {
        if (chunks != null) {
          chunks.unpersist(false);
        }
        for (Broadcast<?> b : broadcasts) {
          b.destroy();
        }
      }
    }

    private JavaRDD<JourneyChunk> chunks(InputSource input, PathTransform transform, String rules) {
      if (input.layout.paths) {
        return input.cells.javaRDD().mapPartitionsWithIndex(
            new PathChunker(input.layout, options.pathSeparator(), transform), false);
      }
      Dataset<Row> events = parsedEvents(input);
      // Rejected rows have no user: keying them by their text spreads them instead of piling them on one partition.
      Column key = coalesce(col("user_id"), col("record"));
      Dataset<Row> byUser = options.partitions != null ? events.repartition(options.partitions, key)
          : events.repartition(key);
      JourneyChunker chunker = new JourneyChunker(options.lookbackDays(), transform, rules, options.jdbcUrl != null);
      return byUser.sortWithinPartitions(col("user_id")).javaRDD().mapPartitionsWithIndex(chunker, false);
    }

    private Dataset<Row> parsedEvents(InputSource input) {
      return input.cells.mapPartitions(EventRows.parser(input.layout), Encoders.row(EventRows.SCHEMA));
    }

    private JobSummary attribute(InputSource input, Map<String, AttributionModel> models, JavaRDD<JourneyChunk> chunks,
        Path output, FileSystem fs, String password) throws IOException {
      progress("building journeys");
      ScanSummary scan = chunks.treeAggregate(new ScanSummary(), ScanSummary::add, ScanSummary::merge);
      if (scan.rowsRead == 0) {
        throw new JobException("--input " + options.input + ": empty input: the files have a header but no rows");
      }
      writeRejects(input, scan, output);
      if (scan.journeys == 0) {
        throw new JobException("--input " + options.input + ": no row could be read; all " + scan.rowsRejected
            + " are rejected, see the reasons in " + new Path(output, "rejects"), true);
      }
      ChannelDictionary global = ChannelDictionary.of(scan.channels);
      Broadcast<ChannelDictionary> dictionary = broadcast(global);

      List<AttributionModel> modelList = new ArrayList<>(models.values());
      List<String> labels = new ArrayList<>(models.keySet());
      List<FittedModel> fits = fit(modelList, chunks, dictionary, global);
      Broadcast<List<FittedModel>> fitted = broadcast(fits);

      progress("totalling");
      List<ModelRun> runs = totals(modelList, fits, chunks, fitted, dictionary, global);
      writeTotals(fs, new Path(output, "channel_totals.csv"), labels, runs);
      List<String> notes = new ArrayList<>();
      for (int m = 0; m < runs.size(); m++) {
        for (String note : runs.get(m).totals().notes()) {
          notes.add(labels.get(m) + ": " + note);
        }
      }
      if (scan.unattributedConversions > 0) {
        notes.add(scan.unattributedConversions
            + " conversions had no touch within the lookback window and are left unattributed");
      }

      long creditRows = 0;
      if (!options.noJourneyCredits) {
        progress("writing journey credits");
        Map<Integer, Long> offsets = input.layout.paths ? scan.partitionOffsets() : Map.of();
        JavaRDD<Row> credits = chunks.mapPartitions(
            new CreditRows(fitted, labels, dictionary, input.layout.paths, offsets));
        Path creditsPath = new Path(output, "journey_credits");
        spark.createDataFrame(credits, CREDITS_SCHEMA).write().parquet(creditsPath.toString());
        creditRows = spark.read().parquet(creditsPath.toString()).count();
      }

      long jdbcJourneys = 0;
      long jdbcResults = 0;
      if (options.jdbcUrl != null) {
        progress("writing to " + options.jdbcUrl);
        JdbcResults jdbc;
        try {
          jdbc = JdbcResults.prepare(options.jdbcUrl, options.jdbcUser, password, global, modelList, runStart);
        } catch (SQLException e) {
          throw new IllegalStateException("--jdbc-url: cannot prepare channels and models: " + e.getMessage(), e);
        }
        LongAccumulator journeysWritten = jsc.sc().longAccumulator("jdbc journeys");
        LongAccumulator resultsWritten = jsc.sc().longAccumulator("jdbc results");
        try {
          chunks.foreachPartition(it -> jdbc.write(it, fitted.value(), dictionary.value(), journeysWritten,
              resultsWritten));
        } catch (RuntimeException e) {
          try {
            jdbc.removeRun();
          } catch (SQLException cleanup) {
            e.addSuppressed(cleanup);
          }
          throw new IllegalStateException("--jdbc-url: writing failed and what this run wrote was removed (results "
              + "stamped " + jdbc.calculatedAt() + "): " + e.getMessage(), e);
        }
        jdbcJourneys = journeysWritten.value();
        jdbcResults = resultsWritten.value();
      }

      JobSummary summary = new JobSummary(input.layout.layoutName(), scan.rowsRead, scan.rowsRejected, scan.users,
          scan.journeys, scan.converting, scan.touches, scan.expiredTouches, scan.unattributedConversions,
          global.size(), labels, creditRows, jdbcJourneys, jdbcResults, notes, (System.nanoTime() - started) / 1e9);
      writeText(fs, new Path(output, "summary.json"), summary.toJson());
      return summary;
    }

    private <T> Broadcast<T> broadcast(T value) {
      Broadcast<T> b = jsc.broadcast(value);
      broadcasts.add(b);
      return b;
    }

    /** Phase one for data-driven models: count per partition, merge up a tree, solve once here. */
    private List<FittedModel> fit(List<AttributionModel> models, JavaRDD<JourneyChunk> chunks,
        Broadcast<ChannelDictionary> dictionary, ChannelDictionary global) {
      List<String> learning = new ArrayList<>();
      for (AttributionModel model : models) {
        if (model.dataDriven()) {
          learning.add(model.spec().label());
        }
      }
      List<TrainingStatistics> statistics = List.of();
      if (!learning.isEmpty()) {
        progress("counting for " + String.join(", ", learning));
        statistics = chunks.mapPartitions(new Counting(learning, dictionary))
            .treeReduce(AttributionJob::mergeAll, 2);
      }
      List<FittedModel> fits = new ArrayList<>();
      int k = 0;
      for (AttributionModel model : models) {
        if (model.dataDriven()) {
          progress("solving " + model.spec().label());
        }
        fits.add(model.dataDriven() ? model.fit(statistics.get(k++)) : model.fit(model.newStatistics(global)));
      }
      return fits;
    }

    /** Channel totals: a model's own (Markov) from its fit, else its journeys' credits summed on the executors. */
    private List<ModelRun> totals(List<AttributionModel> models, List<FittedModel> fits, JavaRDD<JourneyChunk> chunks,
        Broadcast<List<FittedModel>> fitted, Broadcast<ChannelDictionary> dictionary, ChannelDictionary global) {
      List<Integer> summed = new ArrayList<>();
      for (int m = 0; m < fits.size(); m++) {
        if (fits.get(m).trainingTotals() == null) {
          summed.add(m);
        }
      }
      ChannelSums sums = summed.isEmpty() ? null : chunks.mapPartitions(new Summing(fitted, summed, dictionary))
          .treeReduce(ChannelSums::merge, 2);
      List<ModelRun> runs = new ArrayList<>();
      for (int m = 0; m < fits.size(); m++) {
        FittedModel fit = fits.get(m);
        ChannelTotals defined = fit.trainingTotals();
        ChannelTotals totals = defined != null ? complete(defined, global, fit)
            : sums.totals(m, fit.spec().label(), global, fit.notes());
        runs.add(new ModelRun(models.get(m), fit, totals));
      }
      return runs;
    }

    private void writeRejects(InputSource input, ScanSummary scan, Path output) {
      String path = new Path(output, "rejects").toString();
      Dataset<Row> rejects;
      if (scan.rowsRejected == 0) {
        rejects = spark.createDataFrame(List.of(), REJECTS_SCHEMA);
      } else if (input.layout.paths) {
        progress("writing " + scan.rowsRejected + " rejected rows");
        PathChunker reader = new PathChunker(input.layout, options.pathSeparator(), PathTransform.UNIQUE);
        rejects = spark.createDataFrame(input.cells.javaRDD().mapPartitions(reader::rejects), REJECTS_SCHEMA);
      } else {
        progress("writing " + scan.rowsRejected + " rejected rows");
        rejects = parsedEvents(input).filter(col("reject_reason").isNotNull()).select(col("file"), col("record"),
            col("reject_column").as("column"), col("reject_value").as("value"), col("reject_reason").as("reason"));
      }
      rejects.write().option("header", "true").option("escape", "\"").csv(path);
    }

    private boolean checkOutput(FileSystem fs, Path output) {
      try {
        if (!fs.exists(output)) {
          return false;
        }
        FileStatus status = fs.getFileStatus(output);
        if (!status.isDirectory()) {
          throw new JobException("--output " + output + ": exists and is not a directory");
        }
        if (fs.listStatus(output).length > 0 && !options.overwrite) {
          throw new JobException("--output " + output + ": exists and is not empty; add --overwrite to replace it");
        }
        return true;
      } catch (IOException e) {
        throw new JobException("--output " + output + ": cannot be checked: " + e.getMessage(), e);
      }
    }

    private FileSystem fileSystem(Path path) {
      try {
        return path.getFileSystem(conf);
      } catch (IOException e) {
        throw new JobException(path + ": no file system for it: " + e.getMessage(), e);
      }
    }

    private String readText(String file) {
      Path path = new Path(file);
      try (InputStream in = fileSystem(path).open(path)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new JobException("--channel-rules " + file + ": cannot be read: " + e.getMessage(), e);
      }
    }

    private void progress(String what) {
      spark.sparkContext().setJobDescription("nexus-spark: " + what);
      if (!Boolean.getBoolean("nexus.spark.quiet")) {
        System.err.printf("nexus-spark: [%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, what);
      }
    }
  }

  /** Adds zero rows for the channels the model's own totals do not name, as the engine does on one machine. */
  static ChannelTotals complete(ChannelTotals defined, ChannelDictionary channels, FittedModel fit) {
    List<ChannelTotal> totals = new ArrayList<>();
    for (Channel channel : ChannelSums.sorted(channels)) {
      ChannelTotal total = defined.get(channel);
      totals.add(total != null ? total : new ChannelTotal(channel, 0, 0));
    }
    List<String> notes = new ArrayList<>(defined.notes());
    notes.addAll(fit.notes());
    return new ChannelTotals(defined.model(), totals, notes);
  }

  private static List<TrainingStatistics> mergeAll(List<TrainingStatistics> a, List<TrainingStatistics> b) {
    for (int i = 0; i < a.size(); i++) {
      a.get(i).merge(b.get(i));
    }
    return a;
  }

  private static void writeTotals(FileSystem fs, Path file, List<String> labels, List<ModelRun> runs)
      throws IOException {
    Path temporary = new Path(file.getParent(), "." + file.getName() + ".tmp");
    try (Writer out = new OutputStreamWriter(fs.create(temporary, true), StandardCharsets.UTF_8)) {
      ResultFiles.exact().writeTotals(out, labels, runs);
    }
    if (!fs.rename(temporary, file)) {
      throw new IOException("cannot rename " + temporary + " to " + file);
    }
  }

  private static void writeText(FileSystem fs, Path file, String text) throws IOException {
    Path temporary = new Path(file.getParent(), "." + file.getName() + ".tmp");
    try (Writer out = new OutputStreamWriter(fs.create(temporary, true), StandardCharsets.UTF_8)) {
      out.write(text);
    }
    if (!fs.rename(temporary, file)) {
      throw new IOException("cannot rename " + temporary + " to " + file);
    }
  }

  private static void removeQuietly(FileSystem fs, Path output) {
    try {
      fs.delete(output, true);
    } catch (IOException ignored) {
      // The original failure is what the user needs to see.
    }
  }

  /** Phase one on an executor: one set of training statistics per data-driven model for the whole partition. */
  static final class Counting implements FlatMapFunction<Iterator<JourneyChunk>, List<TrainingStatistics>> {
    private static final long serialVersionUID = 1L;
    private final List<String> specs;
    private final Broadcast<ChannelDictionary> dictionary;

    Counting(List<String> specs, Broadcast<ChannelDictionary> dictionary) {
      this.specs = List.copyOf(specs);
      this.dictionary = dictionary;
    }

    @Override
    public Iterator<List<TrainingStatistics>> call(Iterator<JourneyChunk> chunks) {
      ChannelDictionary channels = dictionary.value().copy();
      List<TrainingStatistics> statistics = new ArrayList<>();
      for (String spec : specs) {
        statistics.add(Models.create(spec).newStatistics(channels));
      }
      while (chunks.hasNext()) {
        JourneyBatch batch = chunks.next().batch.withChannels(channels);
        for (TrainingStatistics s : statistics) {
          s.addAll(batch);
        }
      }
      return Collections.singletonList(statistics).iterator();
    }
  }

  /** The channel totals of models whose totals are the sum of their journeys' credits, for one partition. */
  static final class Summing implements FlatMapFunction<Iterator<JourneyChunk>, ChannelSums> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<List<FittedModel>> fits;
    private final List<Integer> models;
    private final Broadcast<ChannelDictionary> dictionary;

    Summing(Broadcast<List<FittedModel>> fits, List<Integer> models, Broadcast<ChannelDictionary> dictionary) {
      this.fits = fits;
      this.models = List.copyOf(models);
      this.dictionary = dictionary;
    }

    @Override
    public Iterator<ChannelSums> call(Iterator<JourneyChunk> chunks) {
      ChannelDictionary channels = dictionary.value().copy();
      List<FittedModel> fitted = fits.value();
      ChannelSums sums = new ChannelSums(fitted.size(), channels.size());
      while (chunks.hasNext()) {
        JourneyBatch batch = chunks.next().batch.withChannels(channels);
        for (int m : models) {
          sums.add(m, Attribution.totals(fitted.get(m), batch), channels);
        }
      }
      return Collections.singletonList(sums).iterator();
    }
  }

  /** Journey-level credits of every model, one row per converting journey, model and channel on it. */
  static final class CreditRows implements FlatMapFunction<Iterator<JourneyChunk>, Row>, Serializable {
    private static final long serialVersionUID = 1L;
    private final Broadcast<List<FittedModel>> fits;
    private final List<String> labels;
    private final Broadcast<ChannelDictionary> dictionary;
    private final boolean paths;
    private final Map<Integer, Long> offsets;

    CreditRows(Broadcast<List<FittedModel>> fits, List<String> labels, Broadcast<ChannelDictionary> dictionary,
        boolean paths, Map<Integer, Long> offsets) {
      this.fits = fits;
      this.labels = List.copyOf(labels);
      this.dictionary = dictionary;
      this.paths = paths;
      this.offsets = Map.copyOf(offsets);
    }

    @Override
    public Iterator<Row> call(Iterator<JourneyChunk> chunks) {
      ChannelDictionary channels = dictionary.value().copy();
      List<FittedModel> fitted = fits.value();
      // Lazily, one chunk and model at a time, so that a partition's credits are never all in memory.
      return new Iterator<>() {
        private JourneyChunk chunk;
        private JourneyBatch batch;
        private int model = fitted.size();
        private Iterator<Row> rows = Collections.emptyIterator();

        @Override
        public boolean hasNext() {
          while (!rows.hasNext()) {
            if (model < fitted.size() - 1 && chunk != null) {
              model++;
            } else if (chunks.hasNext()) {
              chunk = chunks.next();
              batch = chunk.batch.withChannels(channels);
              model = 0;
            } else {
              return false;
            }
            rows = rows(chunk, batch, model).iterator();
          }
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return rows.next();
        }

        private List<Row> rows(JourneyChunk chunk, JourneyBatch batch, int m) {
          List<Row> out = new ArrayList<>();
          String label = labels.get(m);
          long offset = paths ? offsets.getOrDefault(chunk.partition, 0L) + chunk.firstRow : 0;
          Attribution.forEachCredit(fitted.get(m), batch, (row, channel, credit, conversions, value) -> {
            // Path rows are numbered in input order across partitions and have no user; journeys are user#n.
            JourneyId journey = paths ? JourneyId.of(offset + row + 1) : batch.journeyId(row);
            out.add(RowFactory.create(journey.toString(), journey.user(), label, channels.name(channel), credit,
                conversions, value));
          });
          return out;
        }
      };
    }
  }
}
