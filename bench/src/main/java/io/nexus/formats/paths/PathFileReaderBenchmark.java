package io.nexus.formats.paths;

import io.nexus.bench.BenchData;
import io.nexus.bench.Touches;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.JourneyBatch;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing ChannelAttribution's path format from memory into a batch: 1,000,000 generated rows (about 30 MB). The
 * {@code touchpoints} counter is touchpoints read per second; one op is one whole file.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar PathFileReaderBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class PathFileReaderBenchmark {
  private byte[] file;
  private int touchCount;

  @Setup
  public void setUp() throws Exception {
    file = BenchData.pathFile(1_000_000, 12);
    touchCount = read().touchCount();
  }

  private JourneyBatch read() throws Exception {
    return PathFileReader.read(new ByteArrayInputStream(file), ">", new ChannelDictionary());
  }

  @Benchmark
  public JourneyBatch parse(Touches touches) throws Exception {
    touches.touchpoints += touchCount;
    return read();
  }
}
