package io.nexus.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real Spark standalone cluster (a master and two workers, each a JVM of its own on 127.0.0.1; executors
 * launched by the workers): submitted with {@code SparkSubmit} in client mode and with {@code bin/nexus-spark}, both
 * executors work, and the channel totals are the command line's.
 *
 * <p>Totals are compared as text: the rule-based models' lines are byte for byte the command line's; the data-driven
 * models' (Markov, Shapley) may differ in the last digits, and are held to 1e-12 relative: their training statistics
 * are sums (of conversion values per chain state or channel set) that the command line adds in file order and the job
 * per partition, then partitions in partition order, and the command line numbers channels and chain states in order
 * of first appearance, the job channels by name, so the solver's sums run in another order too. Two runs of the job on
 * the same cluster, one through spark-submit and one through bin/nexus-spark, give byte for byte the same file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
  static final String MODELS = "first_touch,linear,time_decay(half_life=3),markov,markov(order=2),shapley";
  static final Path ROOT = Path.of(System.getProperty("nexus.root", "..")).toAbsolutePath().normalize();
  static final Path JOB_JAR = Path.of(System.getProperty("nexus.spark.job.jar", "target/nexus-spark-job.jar"));

  @TempDir static Path dir;
  static StandaloneCluster cluster;
  static Path input;
  static List<String> commandLine;

  @BeforeAll
  static void startTheCluster() throws Exception {
    input = LocalSpark.touchpoints(dir, 3_000, 8, 17);
    LocalSpark.nexus("attribute", "--input", input.toString(), "--format", "touchpoints", "--models", MODELS,
        "--output", dir.resolve("cli.csv").toString());
    commandLine = Files.readAllLines(dir.resolve("cli.csv"), StandardCharsets.UTF_8);
    cluster = StandaloneCluster.start(dir.resolve("cluster"), 2);
  }

  @AfterAll
  static void stopTheCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void sparkSubmitInClientModeGivesTheCommandLinesTotalsWithBothExecutorsWorking() throws Exception {
    Path output = dir.resolve("submitted");
    List<String> command = cluster.java("-Xmx768m", "org.apache.spark.deploy.SparkSubmit",
        "--master", cluster.masterUrl(), "--deploy-mode", "client", "--name", "nexus-cluster-test",
        "--conf", "spark.executor.memory=" + StandaloneCluster.WORKER_MEMORY,
        "--conf", "spark.executor.extraJavaOptions=" + StandaloneCluster.LIGHT_JVM,
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.ui.enabled=false",
        "--class", "io.nexus.spark.AttributionJob", JOB_JAR.toAbsolutePath().toString(),
        "--input", input.toString(), "--models", MODELS, "--partitions", "4", "--no-journey-credits", "--output",
        output.toString());

    Path log = dir.resolve("submit.log");
    assertThat(runToTheEnd(command, log, Map.of())).as(StandaloneCluster.tail(log)).isZero();

    assertSameTotals(Files.readAllLines(output.resolve("channel_totals.csv"), StandardCharsets.UTF_8));
    assertThat(output.resolve("summary.json")).exists();
    // Each worker launched an executor for the application, under the name spark-submit gave it.
    for (Path workDir : cluster.workDirs()) {
      assertThat(applications(workDir)).as("applications run by " + workDir).isNotEmpty();
    }
    assertThat(Files.readString(dir.resolve("cluster/master.log"))).contains("Registered app nexus-cluster-test");
  }

  @Test
  @Order(2)
  void binNexusSparkShipsItsJarToTheClusterAndGivesTheSameFileAsSparkSubmit() throws Exception {
    installLauncherCopies();
    Path output = dir.resolve("launched");
    Path log = dir.resolve("launcher.log");
    List<String> command = List.of("bash", ROOT.resolve("bin/nexus-spark").toString(), "--input", input.toString(),
        "--models", MODELS, "--partitions", "4", "--no-journey-credits", "--name", "nexus-launcher-test", "--output",
        output.toString());
    Map<String, String> environment = Map.of("NEXUS_SPARK_MASTER", cluster.masterUrl(),
        // The launcher splits these at spaces: the executors get the one option that saves the most.
        "NEXUS_SPARK_JAVA_OPTS", "-Xmx768m " + StandaloneCluster.LIGHT_JVM + " -Dspark.executor.memory="
            + StandaloneCluster.WORKER_MEMORY + " -Dspark.executor.extraJavaOptions=-XX:TieredStopAtLevel=1"
            + " -Dspark.driver.host=127.0.0.1");

    assertThat(runToTheEnd(command, log, environment)).as(StandaloneCluster.tail(log)).isZero();

    List<String> totals = Files.readAllLines(output.resolve("channel_totals.csv"), StandardCharsets.UTF_8);
    assertSameTotals(totals);
    assertThat(Files.readString(dir.resolve("cluster/master.log"))).contains("Registered app nexus-launcher-test");
    // Same input, same partitions, merged in the same order: the same bytes, whichever way it was submitted (the
    // spark-submit run comes first; when it failed, its own failure says why).
    Path submitted = dir.resolve("submitted/channel_totals.csv");
    assertThat(submitted).exists();
    assertThat(totals).isEqualTo(Files.readAllLines(submitted, StandardCharsets.UTF_8));
  }

  @Test
  @Order(3)
  void aRunWhoseJarNeverReachesTheExecutorsFailsAndLeavesNoOutput() throws Exception {
    // The job started as bin/nexus-spark did before it shipped its jar: the executors cannot load the job's classes.
    Path output = dir.resolve("failed");
    List<String> command = new ArrayList<>(cluster.java("-Xmx768m", "-Dspark.master=" + cluster.masterUrl(),
        "-Dspark.executor.memory=" + StandaloneCluster.WORKER_MEMORY, "-Dspark.driver.host=127.0.0.1",
        "-Dspark.ui.enabled=false", "-Dspark.task.maxFailures=1"));
    int classpath = command.indexOf("-cp") + 1;
    command.set(classpath, JOB_JAR.toAbsolutePath() + ":" + command.get(classpath));
    command.addAll(List.of("io.nexus.spark.AttributionJob", "--input", input.toString(), "--models", "linear",
        "--partitions", "2", "--output", output.toString()));
    Path log = dir.resolve("failed.log");

    assertThat(runToTheEnd(command, log, Map.of())).as(StandaloneCluster.tail(log)).isEqualTo(1);

    assertThat(Files.readString(log)).contains("nexus-spark: failed:");
    assertThat(output).doesNotExist();
  }

  /** Every line the command line's; the data-driven models' numbers within 1e-12 relative (see the class comment). */
  private static void assertSameTotals(List<String> totals) {
    Totals.assertSameLines(totals, commandLine);
  }

  /** The applications a worker ran executors for. */
  private static List<Path> applications(Path workDir) throws IOException {
    try (Stream<Path> apps = Files.list(workDir)) {
      return apps.filter(p -> p.getFileName().toString().startsWith("app-")).toList();
    }
  }

  /**
   * Puts the jar and the classpath list this build made where bin/nexus-spark runs them from, as its own build would
   * (a copy renamed into place), so that the launcher starts at once instead of building again inside this build.
   */
  private static void installLauncherCopies() throws IOException {
    Path launch = Files.createDirectories(ROOT.resolve("spark/target/launch"));
    Path classpath = Path.of(System.getProperty("nexus.spark.classpath", "target/spark-classpath.txt"));
    for (Path built : List.of(JOB_JAR, classpath)) {
      Path temporary = launch.resolve(built.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      Files.copy(built, temporary, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temporary, launch.resolve(built.getFileName()), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Runs {@code command} to its end (at most four minutes, then it and its children are killed) for its exit code. */
  private static int runToTheEnd(List<String> command, Path log, Map<String, String> environment)
      throws IOException, InterruptedException {
    Process process = cluster.run(command, log, environment);
    if (!process.waitFor(4, TimeUnit.MINUTES)) {
      try (Stream<ProcessHandle> children = process.toHandle().descendants()) {
        children.forEach(ProcessHandle::destroyForcibly);
      }
      process.destroyForcibly().waitFor();
      throw new AssertionError("did not finish within four minutes: " + String.join(" ", command) + "\n"
          + StandaloneCluster.tail(log));
    }
    // The job's progress lines, with their times, in the test's output.
    Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(line -> line.startsWith("nexus-spark:"))
        .forEach(line -> System.out.println(log.getFileName() + ": " + line));
    return process.exitValue();
  }
}
