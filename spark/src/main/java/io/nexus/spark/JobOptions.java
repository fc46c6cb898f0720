package io.nexus.spark;

import io.nexus.engine.AttributionModel;
import io.nexus.engine.ModelType;
import io.nexus.engine.Models;
import io.nexus.engine.PathTransform;
import io.nexus.formats.AttributionSettings;
import io.nexus.formats.IntervalSettings;
import io.nexus.formats.AttributionSettings.InvalidSettingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The arguments of {@link AttributionJob}, as picocli fills them; not thread-safe, read once on the driver. */
@Command(name = "nexus-spark", mixinStandardHelpOptions = true, sortOptions = false, version = "nexus-spark 0.1.0",
    description = "Credit conversions to channels on Apache Spark: the same numbers as `nexus attribute`, at scale.",
    footer = {"",
        "Outputs in DIR: channel_totals.csv (model,channel,attributed_conversions,attributed_value), "
            + "journey_credits/ (Parquet), rejects/ (CSV), summary.json; with --service-url also the service's "
            + "journeys and results.",
        "Exit codes: 0 done, 2 input, schema or options to fix (nothing written), 1 anything else."})
final class JobOptions {

  enum Layout {
    auto, touchpoints, paths, ga4_export;

    @Override
    public String toString() {
      return name().replace('_', '-');
    }
  }

  enum FileFormat { auto, csv, parquet, json }

  /** Reads {@code --format}, whose {@code ga4-export} is no Java name. */
  static final class LayoutConverter implements CommandLine.ITypeConverter<Layout> {
    @Override
    public Layout convert(String value) {
      for (Layout layout : Layout.values()) {
        if (layout.toString().equalsIgnoreCase(value.strip())) {
          return layout;
        }
      }
      throw new CommandLine.TypeConversionException("'" + value + "': expected one of auto, touchpoints, paths, "
          + "ga4-export");
    }
  }

  @Option(names = "--name", paramLabel = "NAME",
      description = "The application's name in the Spark UI and the history server; default: spark-submit's --name "
          + "(spark.app.name), else nexus-spark.")
  String name;

  @Option(names = {"-m", "--models"}, paramLabel = "LIST", defaultValue = AttributionSettings.DEFAULT_MODELS,
      description = "Comma-separated models, parameters in parentheses (listed below); default ${DEFAULT-VALUE}.")
  String models;

  @Option(names = "--order", defaultValue = AttributionSettings.DEFAULT_ORDER, paramLabel = "K",
      description = "Markov order 1..4 for markov models that do not set one; default ${DEFAULT-VALUE}.")
  int order;

  @Option(names = "--lookback-days", defaultValue = AttributionSettings.DEFAULT_LOOKBACK_DAYS, paramLabel = "DAYS",
      description = "Touchpoints: days before a conversion that count; default ${DEFAULT-VALUE}.")
  double lookbackDays;

  @Option(names = "--transform", defaultValue = AttributionSettings.DEFAULT_TRANSFORM, paramLabel = "NAME",
      description = "Path transform: unique (as is), exposure (collapse repeats in a row), first (drop repeats).")
  String transform;

  @Option(names = "--path-separator", defaultValue = AttributionSettings.DEFAULT_PATH_SEPARATOR, paramLabel = "SEP",
      description = "Paths: what joins channels in a path; default ${DEFAULT-VALUE}.")
  String pathSeparator;

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "PATH",
      description = "Input file, directory or glob, on any file system Spark reads (file:, hdfs:, s3a:, ...).")
  String input;

  @Option(names = "--format", defaultValue = "auto", paramLabel = "LAYOUT", converter = LayoutConverter.class,
      description = "touchpoints (user_id,timestamp,channel|source/medium/campaign,...), paths "
          + "(ChannelAttribution: path,total_conversions[,total_conversion_value][,total_null]), ga4-export (GA4's "
          + "BigQuery export events_*, NDJSON or Parquet) or auto (touchpoints or paths, from the columns); "
          + "default ${DEFAULT-VALUE}.")
  Layout layout;

  @Option(names = "--file-format", defaultValue = "auto", paramLabel = "TYPE",
      description = "csv, parquet, json (NDJSON, for ga4-export) or auto (from the file names, else the file's "
          + "first bytes); default ${DEFAULT-VALUE}.")
  FileFormat fileFormat;

  @Option(names = "--channel-rules", paramLabel = "FILE",
      description = "Touchpoints: CSV channel,source,medium,campaign of regexes applied before GA4's groups.")
  String channelRules;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
      description = "Output directory; must not exist or be empty unless --overwrite.")
  String output;

  @Option(names = "--overwrite", description = "Replace the output directory if it exists.")
  boolean overwrite;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions of the shuffle by user; default: spark.sql.shuffle.partitions, coalesced by "
          + "adaptive execution.")
  Integer partitions;

  @Option(names = "--storage-level", defaultValue = "MEMORY_AND_DISK", paramLabel = "LEVEL",
      description = "How the built journeys are kept between the passes; default ${DEFAULT-VALUE} "
          + "(MEMORY_AND_DISK_SER: less memory, more CPU).")
  String storageLevel;

  @Option(names = "--no-journey-credits", negatable = false,
      description = "Skip journey_credits/ (channel totals only).")
  boolean noJourneyCredits;

  @Option(names = "--intervals", paramLabel = "N",
      description = "Add bootstrap confidence intervals from N replicates, computed on the executors (columns as "
          + "nexus attribute --intervals writes them).")
  Integer intervals;

  @Option(names = "--confidence", defaultValue = IntervalSettings.DEFAULT_CONFIDENCE, paramLabel = "C",
      description = "With --intervals: the intervals' confidence level; default ${DEFAULT-VALUE}.")
  double confidence;

  @Option(names = "--seed", defaultValue = IntervalSettings.DEFAULT_SEED, paramLabel = "S",
      description = "With --intervals: the seed of the replicates; default ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--service-url", paramLabel = "URL",
      description = "Also import the converting journeys and their credits into the NEXUS service at URL "
          + "(http://host:8000), through its import endpoint, in batches with retries.")
  String serviceUrl;

  @Option(names = "--service-api-key-env", defaultValue = "NEXUS_API_KEY", paramLabel = "VAR",
      description = "Environment variable holding the service's API key, sent as a bearer token when set; "
          + "default ${DEFAULT-VALUE}.")
  String serviceApiKeyEnv;

  @Option(names = "--service-batch-size", defaultValue = "500", paramLabel = "N",
      description = "Journeys per import request; default ${DEFAULT-VALUE}.")
  int serviceBatchSize;

  @Option(names = "--service-run-id", paramLabel = "ID",
      description = "Names this import so that running it again imports only what is missing (letters, digits, "
          + "._:-); default: a new id per run, printed in the summary.")
  String serviceRunId;

  // Replaced by --service-url: kept only to say so instead of "unknown option".
  @Option(names = {"--jdbc-url", "--jdbc-user", "--jdbc-password-env"}, hidden = true, paramLabel = "VALUE")
  List<String> jdbcOptions;

  /** The command line that fills {@code options}, its help listing every model from the engine's registry. */
  static CommandLine commandLine(JobOptions options) {
    CommandLine commandLine = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
    List<String> footer = new ArrayList<>(List.of(""));
    footer.addAll(AttributionSettings.modelHelp());
    footer.addAll(List.of(commandLine.getCommandSpec().usageMessage().footer()));
    commandLine.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
    return commandLine;
  }

  /** The bootstrap intervals asked for, with the command line's checks. */
  IntervalSettings intervalSettings() {
    return new IntervalSettings(intervals, confidence, seed);
  }

  /** The settings this job shares with the command line. */
  AttributionSettings settings() {
    return new AttributionSettings(models, order, lookbackDays, transform, pathSeparator);
  }

  /** The models by label, in the order given, with --order applied to markov models that set none. */
  Map<String, AttributionModel> resolvedModels() {
    try {
      return settings().attributionModels();
    } catch (InvalidSettingException e) {
      throw new JobException(e.getMessage());
    }
  }

  /** The model specs as text, with --order applied, for executors to build the models from. */
  static List<String> specs(Map<String, AttributionModel> models) {
    List<String> specs = new ArrayList<>();
    for (AttributionModel model : models.values()) {
      specs.add(model.spec().label());
    }
    return specs;
  }

  PathTransform resolvedTransform() {
    try {
      return settings().pathTransform();
    } catch (InvalidSettingException e) {
      throw new JobException(e.getMessage());
    }
  }

  double lookbackDays() {
    return lookbackDays;
  }

  String pathSeparator() {
    return pathSeparator;
  }

  /** Checks what can be checked without touching any file. */
  void check() {
    try {
      settings().check();
      intervalSettings().check();
    } catch (InvalidSettingException e) {
      throw new JobException(e.getMessage());
    }
    if (layout == Layout.ga4_export && fileFormat == FileFormat.csv) {
      throw new JobException("--file-format csv: the GA4 export is read as NDJSON (json) or Parquet");
    }
    if (layout != Layout.ga4_export && fileFormat == FileFormat.json) {
      throw new JobException("--file-format json: only for --format ga4-export; touchpoints and paths are CSV or "
          + "Parquet");
    }
    if (partitions != null && partitions < 1) {
      throw new JobException("--partitions " + partitions + ": must be at least 1");
    }
    if (jdbcOptions != null) {
      throw new JobException("--jdbc-url: the job no longer writes the service's tables itself; give the service's "
          + "address with --service-url http://host:8000 and it imports the journeys and credits (docs/spark.md)");
    }
    if (serviceUrl != null) {
      ServiceImport.checkUrl(serviceUrl);
      if (serviceBatchSize < 1 || serviceBatchSize > ServiceImport.MAX_BATCH) {
        throw new JobException("--service-batch-size " + serviceBatchSize + ": must be 1 to " + ServiceImport.MAX_BATCH);
      }
      if (serviceRunId != null && !serviceRunId.matches("[A-Za-z0-9._:-]{1,100}")) {
        throw new JobException("--service-run-id " + serviceRunId + ": must be 1 to 100 letters, digits, '.', '_', "
            + "':' or '-'");
      }
    }
    try {
      StorageLevel.fromString(storageLevel);
    } catch (IllegalArgumentException e) {
      throw new JobException("--storage-level " + storageLevel + ": expected MEMORY_ONLY, MEMORY_AND_DISK, "
          + "MEMORY_AND_DISK_SER, DISK_ONLY, ...");
    }
  }
}
