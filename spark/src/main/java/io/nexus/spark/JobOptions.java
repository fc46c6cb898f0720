package io.nexus.spark;

import io.nexus.cli.AttributionOptions;
import io.nexus.engine.AttributionModel;
import io.nexus.engine.PathTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The arguments of {@link AttributionJob}, as picocli fills them; not thread-safe, read once on the driver. */
@Command(name = "nexus-spark", mixinStandardHelpOptions = true, sortOptions = false, version = "nexus-spark 0.1.0",
    description = "Credit conversions to channels on Apache Spark: the same numbers as `nexus attribute`, at scale.",
    footer = {"", "Models: first_touch, last_touch, last_non_direct, linear, time_decay(half_life=7), "
        + "position_based(first=0.4,middle=0.2,last=0.4), j_shaped, inverse_j, w_shaped, participation, "
        + "markov(order=1), shapley(cap=20), counterfactual.",
        "Outputs in DIR: channel_totals.csv (model,channel,attributed_conversions,attributed_value), "
            + "journey_credits/ (Parquet), rejects/ (CSV), summary.json.",
        "Exit codes: 0 done, 2 input, schema or options to fix (nothing written), 1 anything else."})
final class JobOptions {

  enum Layout { auto, touchpoints, paths }

  enum FileFormat { auto, csv, parquet }

  @Mixin
  AttributionOptions attribution;

  @Option(names = {"-i", "--input"}, required = true, paramLabel = "PATH",
      description = "Input file, directory or glob, on any file system Spark reads (file:, hdfs:, s3a:, ...).")
  String input;

  @Option(names = "--format", defaultValue = "auto", paramLabel = "LAYOUT",
      description = "touchpoints (user_id,timestamp,channel|source/medium/campaign,...), paths "
          + "(ChannelAttribution: path,total_conversions[,total_conversion_value][,total_null]) or auto "
          + "(from the columns); default ${DEFAULT-VALUE}.")
  Layout layout;

  @Option(names = "--file-format", defaultValue = "auto", paramLabel = "TYPE",
      description = "csv, parquet or auto (from the file names, else the file's first bytes); default ${DEFAULT-VALUE}.")
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

  @Option(names = "--jdbc-url", paramLabel = "URL",
      description = "Also write the journeys and their credits into the service's database "
          + "(jdbc:postgresql://host:5432/db).")
  String jdbcUrl;

  @Option(names = "--jdbc-user", paramLabel = "USER", description = "Database user for --jdbc-url.")
  String jdbcUser;

  @Option(names = "--jdbc-password-env", defaultValue = "NEXUS_JDBC_PASSWORD", paramLabel = "VAR",
      description = "Environment variable holding the database password; default ${DEFAULT-VALUE}.")
  String jdbcPasswordEnv;

  /** The models by label, in the order given, with --order applied to markov models that set none. */
  Map<String, AttributionModel> resolvedModels() {
    try {
      return attribution.models();
    } catch (AttributionOptions.OptionException e) {
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
      return attribution.pathTransform();
    } catch (AttributionOptions.OptionException e) {
      throw new JobException(e.getMessage());
    }
  }

  double lookbackDays() {
    return attribution.lookbackDays();
  }

  String pathSeparator() {
    return attribution.pathSeparator();
  }

  /** Checks what can be checked without touching any file. */
  void check() {
    try {
      attribution.check();
    } catch (AttributionOptions.OptionException e) {
      throw new JobException(e.getMessage());
    }
    if (partitions != null && partitions < 1) {
      throw new JobException("--partitions " + partitions + ": must be at least 1");
    }
    if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new JobException("--jdbc-url " + jdbcUrl + ": expected jdbc:postgresql://host:port/database");
    }
    try {
      org.apache.spark.storage.StorageLevel.fromString(storageLevel);
    } catch (IllegalArgumentException e) {
      throw new JobException("--storage-level " + storageLevel + ": expected MEMORY_ONLY, MEMORY_AND_DISK, "
          + "MEMORY_AND_DISK_SER, DISK_ONLY, ...");
    }
  }
}
