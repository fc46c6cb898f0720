package io.nexus.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import io.nexus.engine.Attribution;
import io.nexus.engine.Attribution.ModelRun;
import io.nexus.engine.AttributionModel;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.ChannelTotals.ChannelTotal;
import io.nexus.engine.FittedModel;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.JourneyId;
import io.nexus.engine.Models;
import io.nexus.engine.PartialTotals;
import io.nexus.engine.PathTransform;
import io.nexus.engine.TrainingStatistics;
import io.nexus.engine.uncertainty.ModelIntervals;
import io.nexus.engine.JourneyBatch;
import io.nexus.formats.ResultFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
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
    SparkConf given = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder();
    // The builder's name would override spark-submit's --name: only the job's own --name may, and the default may not.
    if (options.name != null) {
      builder.appName(options.name);
    } else if (!given.contains("spark.app.name")) {
      builder.appName("nexus-spark");
    }
    if (!given.contains("spark.master")) {
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
    } catch (Exception e) {
      // Spark's own failures (SparkException) are checked exceptions thrown unchecked from Scala: caught here too.
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
    return new JobDriver(spark, options).execute();
  }

  /** The driver's side of one run of the job: its passes over the data and what it writes. */
  private static final class JobDriver {
    private final SparkSession spark;
    private final JavaSparkContext jsc;
    private final JobOptions options;
    private final Configuration conf;
    private final long started = System.nanoTime();
    private final List<Broadcast<?>> broadcasts = new ArrayList<>();

    JobDriver(SparkSession spark, JobOptions options) {
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
      try {
        return execute(models, transform, rules, output, fs, existed, input);
      } finally {
        if (input.ga4 != null) {
          input.ga4.release();
        }
      }
    }

    private JobSummary execute(Map<String, AttributionModel> models, PathTransform transform, String rules,
        Path output, FileSystem fs, boolean existed, InputSource input) {
      if (input.layout.paths) {
        for (AttributionModel model : models.values()) {
          if (model.needsTimes()) {
            throw new JobException("--models: " + model.spec().label()
                + ": needs touch and conversion times; path files have none, use touchpoint data");
          }
        }
        if (options.serviceUrl != null) {
          throw new JobException("--service-url: needs touchpoint input; path rows are aggregates, not journeys");
        }
      }
      ServiceImport service = null;
      if (options.serviceUrl != null) {
        String runId = options.serviceRunId != null ? options.serviceRunId : UUID.randomUUID().toString();
        service = ServiceImport.prepare(options.serviceUrl, System.getenv(options.serviceApiKeyEnv), runId,
            options.serviceBatchSize, JobOptions.specs(models));
      }
      progress("reading " + input.description + " as " + input.layout.layoutName() + " from " + options.input);

      JavaRDD<JourneyChunk> chunks = null;
      boolean keepOutput = false;
      try {
        if (existed) {
          fs.delete(output, true);
        }
        fs.mkdirs(output);
        chunks = chunks(input, transform, rules).persist(StorageLevel.fromString(options.storageLevel));
        JobSummary summary = attribute(input, models, chunks, output, fs, service);
        keepOutput = true;
        return summary;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (JobException e) {
        keepOutput = e.keepsOutput();
        throw e;
      } finally {
        // Whatever stopped the run (Spark's own SparkException is checked and escapes a catch of RuntimeException,
        // an Error too), its output goes: a folder without summary.json is never left to look like a result.
        if (!keepOutput) {
          removeQuietly(fs, output);
        }
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
      if (input.ga4 != null) {
        // A user's rows together and in input order: sessions and the order of their rows are the user's alone.
        Dataset<Row> rows = input.ga4.deduplicated();
        Column user = col("user_id");
        Dataset<Row> byUser = options.partitions != null ? rows.repartition(options.partitions, user)
            : rows.repartition(user);
        JourneyChunker chunker = new JourneyChunker(options.lookbackDays(), transform, rules,
            options.serviceUrl != null, Ga4Rows.USER_ROWS);
        return byUser.sortWithinPartitions(user, col("file"), col("block"), col("position")).javaRDD()
            .mapPartitionsWithIndex(chunker, false);
      }
      Dataset<Row> events = parsedEvents(input);
      // Rejected rows have no user: keying them by their text spreads them instead of piling them on one partition.
      Column key = coalesce(col("user_id"), col("record"));
      Dataset<Row> byUser = options.partitions != null ? events.repartition(options.partitions, key)
          : events.repartition(key);
      JourneyChunker chunker = new JourneyChunker(options.lookbackDays(), transform, rules, options.serviceUrl != null);
      return byUser.sortWithinPartitions(col("user_id")).javaRDD().mapPartitionsWithIndex(chunker, false);
    }

    private Dataset<Row> parsedEvents(InputSource input) {
      return input.cells.mapPartitions(EventRows.parser(input.layout), Encoders.row(EventRows.SCHEMA));
    }

    private JobSummary attribute(InputSource input, Map<String, AttributionModel> models, JavaRDD<JourneyChunk> chunks,
        Path output, FileSystem fs, ServiceImport service) throws IOException {
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
      List<ModelRun> runs = totals(modelList, fits, chunks, fitted, dictionary);
      List<ModelIntervals> intervals = null;
      if (options.intervalSettings().requested()) {
        intervals = ClusterBootstrap.run(jsc, chunks, runs, options.intervalSettings().bootstrap(), dictionary,
            this::progress);
      }
      writeTotals(fs, new Path(output, "channel_totals.csv"), labels, runs, intervals);
      List<String> notes = new ArrayList<>();
      for (int m = 0; m < runs.size(); m++) {
        for (String note : runs.get(m).totals().notes()) {
          notes.add(labels.get(m) + ": " + note);
        }
      }
      if (input.ga4 != null && input.ga4.duplicatePurchases > 0) {
        notes.add(input.ga4.duplicatePurchases + " purchases left out: their transaction id came on an earlier row");
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

      ServiceImport.Counts imported = new ServiceImport.Counts(0, 0, 0);
      if (service != null) {
        imported = importIntoService(service, chunks, fitted, JobOptions.specs(models), global);
      }

      JobSummary summary = new JobSummary(input.layout.layoutName(), scan.rowsRead, scan.rowsRejected, scan.users,
          scan.journeys, scan.converting, scan.touches, scan.expiredTouches, scan.unattributedConversions,
          global.size(), labels, creditRows, service == null ? null : service.source(), imported.journeysImported(),
          imported.journeysAlreadyImported(), imported.results(), notes, (System.nanoTime() - started) / 1e9);
      writeText(fs, new Path(output, "summary.json"), summary.toJson());
      return summary;
    }

    /** The last pass: every partition posts its converting journeys with their credits to the service. */
    private ServiceImport.Counts importIntoService(ServiceImport service, JavaRDD<JourneyChunk> chunks,
        Broadcast<List<FittedModel>> fitted, List<String> specs, ChannelDictionary global) {
      progress("importing into " + options.serviceUrl + " as " + service.source());
      LongAccumulator journeys = jsc.sc().longAccumulator("service journeys");
      LongAccumulator before = jsc.sc().longAccumulator("service journeys imported before");
      LongAccumulator results = jsc.sc().longAccumulator("service results");
      try {
        service.declareChannels(global.names());
        chunks.foreachPartition(it -> {
          ServiceImport.Counts counts = service.send(it, fitted.value(), specs);
          journeys.add(counts.journeysImported());
          before.add(counts.journeysAlreadyImported());
          results.add(counts.results());
        });
      } catch (RuntimeException e) {
        throw new IllegalStateException("--service-url: importing failed: " + e.getMessage() + "; the batches the "
            + "service stored stay there: run the job again with --service-run-id "
            + service.source().substring("nexus-spark:".length()) + " to import the rest without duplicates", e);
      }
      return new ServiceImport.Counts(journeys.value(), before.value(), results.value());
    }

    private <T> Broadcast<T> broadcast(T value) {
      Broadcast<T> b = jsc.broadcast(value);
      broadcasts.add(b);
      return b;
    }

    /**
     * Phase one for data-driven models: count per partition, merge up a tree in partition order (floating-point sums
     * and the numbering of Markov states follow the order of merging: a fixed one gives the same fit on every run),
     * solve once here.
     */
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
        statistics = PartitionOrder.merge(chunks.mapPartitions(new PartitionStatistics(learning, dictionary)),
            AttributionJob::mergeAll);
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

    /**
     * Channel totals as the engine gives them on one machine ({@link PartialTotals}): each partition totals its
     * batches, the parts merge up a tree in partition order (exactly, so to the same digits in any order anyway), the
     * driver completes them.
     */
    private List<ModelRun> totals(List<AttributionModel> models, List<FittedModel> fits, JavaRDD<JourneyChunk> chunks,
        Broadcast<List<FittedModel>> fitted, Broadcast<ChannelDictionary> dictionary) {
      List<PartialTotals> parts = PartitionOrder.merge(chunks.mapPartitions(new PartitionTotals(fitted, dictionary)),
          AttributionJob::mergeTotals);
      List<ModelRun> runs = new ArrayList<>();
      for (int m = 0; m < fits.size(); m++) {
        runs.add(new ModelRun(models.get(m), fits.get(m), parts.get(m).complete()));
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

  static List<TrainingStatistics> mergeAll(List<TrainingStatistics> a, List<TrainingStatistics> b) {
    for (int i = 0; i < a.size(); i++) {
      a.get(i).merge(b.get(i));
    }
    return a;
  }

  static List<PartialTotals> mergeTotals(List<PartialTotals> a, List<PartialTotals> b) {
    for (int i = 0; i < a.size(); i++) {
      a.get(i).merge(b.get(i));
    }
    return a;
  }

  private static void writeTotals(FileSystem fs, Path file, List<String> labels, List<ModelRun> runs,
      List<ModelIntervals> intervals) throws IOException {
    Path temporary = new Path(file.getParent(), "." + file.getName() + ".tmp");
    try (Writer out = new OutputStreamWriter(fs.create(temporary, true), StandardCharsets.UTF_8)) {
      if (intervals == null) {
        ResultFiles.exact().writeTotals(out, labels, runs);
      } else {
        ResultFiles.exact().writeTotals(out, labels, runs, intervals);
      }
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
  static final class PartitionStatistics
      implements FlatMapFunction<Iterator<JourneyChunk>, List<TrainingStatistics>> {
    private static final long serialVersionUID = 1L;
    private final List<String> specs;
    private final Broadcast<ChannelDictionary> dictionary;

    PartitionStatistics(List<String> specs, Broadcast<ChannelDictionary> dictionary) {
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

  /** Every model's channel totals over one partition. */
  static final class PartitionTotals implements FlatMapFunction<Iterator<JourneyChunk>, List<PartialTotals>> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<List<FittedModel>> fits;
    private final Broadcast<ChannelDictionary> dictionary;

    PartitionTotals(Broadcast<List<FittedModel>> fits, Broadcast<ChannelDictionary> dictionary) {
      this.fits = fits;
      this.dictionary = dictionary;
    }

    @Override
    public Iterator<List<PartialTotals>> call(Iterator<JourneyChunk> chunks) {
      ChannelDictionary channels = dictionary.value().copy();
      List<PartialTotals> totals = new ArrayList<>();
      for (FittedModel fit : fits.value()) {
        totals.add(new PartialTotals(fit, channels));
      }
      while (chunks.hasNext()) {
        JourneyBatch batch = chunks.next().batch.withChannels(channels);
        for (PartialTotals t : totals) {
          t.add(batch);
        }
      }
      return Collections.singletonList(totals).iterator();
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
