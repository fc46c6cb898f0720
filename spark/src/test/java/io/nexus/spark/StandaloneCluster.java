package io.nexus.spark;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1: one master and workers of one core each, every one a JVM of its own started
 * from the Spark jars the build resolved ({@code spark/target/spark-classpath.txt}), as {@code sbin/start-master.sh}
 * and {@code start-worker.sh} start them. Closing it stops every process it started with all their children (the
 * workers' executors), whatever state they are in.
 *
 * <p>A worker launches executors through Spark's launcher, which wants a Spark installation: {@code SPARK_HOME/jars}
 * (here links to the resolved jars), a {@code RELEASE} file saying it is a distribution, and the Scala version in
 * {@code SPARK_SCALA_VERSION} (a distribution's {@code bin/load-spark-env.sh} sets it).
 */
final class StandaloneCluster implements AutoCloseable {
  static final String WORKER_MEMORY = "512m";

  private final Path home;
  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final List<Path> workDirs = new ArrayList<>();
  private String masterUrl;

  private StandaloneCluster(Path dir) {
    this.dir = dir;
    this.home = dir.resolve("spark-home");
  }

  /** Starts a master and {@code workers} workers and waits until every worker has registered. */
  static StandaloneCluster start(Path dir, int workers) throws IOException, InterruptedException {
    StandaloneCluster cluster = new StandaloneCluster(dir);
    try {
      cluster.installSparkHome();
      cluster.startMaster();
      for (int i = 1; i <= workers; i++) {
        cluster.startWorker(i);
      }
      for (Path workDir : cluster.workDirs) {
        cluster.await(workDir.resolveSibling(workDir.getFileName() + ".log"), "Successfully registered with master");
      }
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** {@code spark://127.0.0.1:PORT}. */
  String masterUrl() {
    return masterUrl;
  }

  /** The Spark installation the cluster runs from, with every Spark jar in {@code jars/}. */
  Path home() {
    return home;
  }

  /** Each worker's folder of application work directories ({@code app-*}), in worker order. */
  List<Path> workDirs() {
    return workDirs;
  }

  /** The Spark jars, as {@code maven-dependency-plugin} listed them when the module was packaged. */
  static List<Path> sparkJars() throws IOException {
    Path list = Path.of(System.getProperty("nexus.spark.classpath", "target/spark-classpath.txt"));
    if (!Files.isRegularFile(list)) {
      throw new IllegalStateException(list.toAbsolutePath() + " is missing: it is written when the module is "
          + "packaged (mvn -pl spark -am package -DskipTests); this test runs after that, in the verify phase");
    }
    List<Path> jars = new ArrayList<>();
    for (String entry : Files.readString(list, StandardCharsets.UTF_8).trim().split(File.pathSeparator)) {
      jars.add(Path.of(entry));
    }
    return jars;
  }

  /** The JVM options Spark's own scripts pass on Java 17 (spark.jvm.options in the module's pom). */
  static List<String> jvmOptions() {
    return List.of(System.getProperty("nexus.spark.jvm.options", "").trim().split("\\s+"));
  }

  /** A {@code java} command from Spark's jars and the module options: {@code java OPTIONS -cp HOME/jars/* ...}. */
  List<String> java(String... rest) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions());
    command.add("-cp");
    command.add(home.resolve("jars") + "/*");
    command.addAll(List.of(rest));
    return command;
  }

  /** Starts {@code command} with the cluster's environment, output and errors into {@code log}. */
  Process run(List<String> command, Path log, Map<String, String> environment) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_HOME", home.toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().putAll(environment);
    Process process = builder.start();
    synchronized (processes) {
      processes.add(process);
    }
    return process;
  }

  private void installSparkHome() throws IOException {
    Files.createDirectories(home.resolve("jars"));
    for (Path jar : sparkJars()) {
      Files.createSymbolicLink(home.resolve("jars").resolve(jar.getFileName()), jar);
    }
    Files.writeString(home.resolve("RELEASE"), "Spark jars of the Maven build, for StandaloneClusterIT\n");
  }

  private void startMaster() throws IOException, InterruptedException {
    int port = freePort();
    masterUrl = "spark://127.0.0.1:" + port;
    Path log = dir.resolve("master.log");
    run(java("-Xmx256m", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
        Integer.toString(port), "--webui-port", Integer.toString(freePort())), log, Map.of());
    await(log, "I have been elected leader");
  }

  private void startWorker(int number) throws IOException {
    Path workDir = Files.createDirectories(dir.resolve("worker-" + number));
    workDirs.add(workDir);
    run(java("-Xmx256m", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--port", "0",
        "--webui-port", "0", "--cores", "1", "--memory", WORKER_MEMORY, "--work-dir", workDir.toString(), masterUrl),
        dir.resolve("worker-" + number + ".log"), Map.of());
  }

  /** Waits up to two minutes for {@code text} in {@code log}, failing early when a process of the cluster died. */
  private void await(Path log, String text) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
        return;
      }
      synchronized (processes) {
        for (Process p : processes) {
          if (!p.isAlive()) {
            throw new IllegalStateException("a cluster process exited with " + p.exitValue() + " before \"" + text
                + "\" appeared in " + log + ":\n" + tail(log));
          }
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("\"" + text + "\" never appeared in " + log + ":\n" + tail(log));
  }

  /** The last lines of {@code file}, for a failure message. */
  static String tail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "(no log)";
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Stops every process started here, children first (a worker's executors, a launcher's JVM), forcibly if need be. */
  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>();
    synchronized (processes) {
      for (Process p : processes) {
        try (Stream<ProcessHandle> children = p.toHandle().descendants()) {
          children.forEach(all::add);
        }
        all.add(p.toHandle());
      }
    }
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (ProcessHandle p : all) {
      try {
        long left = Math.max(1, deadline - System.nanoTime());
        p.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception stillRunning) {
        p.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
