package io.nexus.engine.markov;

import io.nexus.bench.BenchData;
import io.nexus.bench.Touches;
import io.nexus.engine.Attribution;
import io.nexus.engine.AttributionModel;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.Models;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The exact Markov model end to end on 1,000,000 generated path rows with 12 channels (about 2.5 million touches):
 * counting transitions, solving the chain and every removal, totalling. The {@code touchpoints} counter is
 * touchpoints per second.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar MarkovBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class MarkovBenchmark {
  @Param({"1", "2", "3", "4"})
  public int order;

  private JourneyBatch batch;
  private AttributionModel model;

  @Setup
  public void setUp() {
    batch = BenchData.paths(1_000_000, 12);
    model = Models.create("markov(order=" + order + ")");
  }

  @Benchmark
  public ChannelTotals fitAndTotal(Touches touches) {
    touches.touchpoints += batch.touchCount();
    return Attribution.run(batch, List.of(model)).get(0);
  }
}
