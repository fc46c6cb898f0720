package io.nexus.spark;

import io.nexus.cli.NexusCommand;
import io.nexus.formats.synthetic.SyntheticData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** One local Spark session for every test class of the module, and the helpers the tests share. */
final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  /** The shared session: local[2], no UI, few shuffle partitions; stopped when the test JVM exits. */
  static synchronized SparkSession session() {
    if (session == null) {
      System.setProperty("nexus.spark.quiet", "true");
      session = SparkSession.builder()
          .appName("nexus-spark-tests")
          .master("local[2]")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.session.timeZone", "Europe/Paris")
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  /** Generated touchpoints, as {@code nexus generate --format touchpoints} writes them. */
  static Path touchpoints(Path dir, long rows, int channels, long seed) throws IOException {
    Path file = dir.resolve("touchpoints-" + rows + "-" + channels + "-" + seed + ".csv");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      new SyntheticData(channels, seed).writeTouchpoints(out, rows);
    }
    return file;
  }

  /** Generated paths, as {@code nexus generate --format paths} writes them. */
  static Path paths(Path dir, long rows, int channels, long seed) throws IOException {
    Path file = dir.resolve("paths-" + rows + "-" + channels + "-" + seed + ".csv");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      new SyntheticData(channels, seed).writePaths(out, rows);
    }
    return file;
  }

  /** Runs {@code nexus attribute} in this JVM and fails on a non-zero exit. */
  static void nexus(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = NexusCommand.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    if (code != 0) {
      throw new AssertionError("nexus " + String.join(" ", args) + " exited " + code + ": " + err);
    }
  }

  /**
   * The rows of a channel totals file by {@code model|channel}: attributed conversions and value (interval columns,
   * when there are any, left out).
   */
  static Map<String, double[]> totals(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (!lines.get(0).equals("model,channel,attributed_conversions,attributed_value")
        && !lines.get(0).startsWith("model,channel,attributed_conversions,attributed_value,attributed_value_low,")) {
      throw new AssertionError("not a totals file: " + lines.get(0));
    }
    Map<String, double[]> rows = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> cells = csv(line);
      rows.put(cells.get(0) + "|" + cells.get(1),
          new double[] {Double.parseDouble(cells.get(2)), Double.parseDouble(cells.get(3))});
    }
    return rows;
  }

  /**
   * A {@code nexus attribute --journey-credits} file's credits by {@code journey|model|channel}; its ids, labels and
   * channels hold no quotes, and only model labels commas (inside parentheses).
   */
  static Map<String, Double> commandLineCredits(Path file) throws IOException {
    Map<String, Double> credits = new HashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      // journey_id,model,channel,credit,...
      String[] cells = line.replace("\"", "").split(",(?![^(]*\\))");
      credits.put(cells[0] + "|" + cells[1] + "|" + cells[2], Double.parseDouble(cells[3]));
    }
    return credits;
  }

  /** The job's {@code journey_credits/} credits by {@code journey|model|channel}. */
  static Map<String, Double> jobCredits(Path dir) {
    Map<String, Double> credits = new HashMap<>();
    for (Row row : session().read().parquet(dir.toString()).collectAsList()) {
      credits.put(row.getString(0) + "|" + row.getString(2) + "|" + row.getString(3), row.getDouble(4));
    }
    return credits;
  }

  private static List<String> csv(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
