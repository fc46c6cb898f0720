package io.nexus.engine.rules;

import io.nexus.bench.BenchData;
import io.nexus.bench.Touches;
import io.nexus.engine.Attribution;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.FittedModel;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.Models;
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
 * Rule-based models totalled over 200,000 generated journeys with times and touch types (about 470,000 touches), one
 * model per run; the {@code touchpoints} counter is touchpoints credited per second on one thread.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar RuleModelsBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleModelsBenchmark {
  @Param({"first_touch", "last_non_direct", "linear", "time_decay", "position_based", "w_shaped", "participation"})
  public String model;

  private JourneyBatch batch;
  private FittedModel fit;

  @Setup
  public void setUp() {
    batch = BenchData.journeys(600_000, 12);
    fit = Models.create(model).fit(batch);
  }

  @Benchmark
  public ChannelTotals totals(Touches touches) {
    touches.touchpoints += batch.touchCount();
    return Attribution.totals(fit, batch);
  }
}
