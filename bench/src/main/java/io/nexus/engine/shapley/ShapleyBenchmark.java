package io.nexus.engine.shapley;

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
 * Exact Shapley and the leave-one-out counterfactual model end to end (count, solve, credit every row) on 1,000,000
 * generated path rows with 12 channels. The {@code touchpoints} counter is touchpoints per second.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ShapleyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ShapleyBenchmark {
  @Param({"shapley", "counterfactual"})
  public String model;

  private JourneyBatch batch;
  private AttributionModel attribution;

  @Setup
  public void setUp() {
    batch = BenchData.paths(1_000_000, 12);
    attribution = Models.create(model);
  }

  @Benchmark
  public ChannelTotals fitAndTotal(Touches touches) {
    touches.touchpoints += batch.touchCount();
    return Attribution.run(batch, List.of(attribution)).get(0);
  }
}
