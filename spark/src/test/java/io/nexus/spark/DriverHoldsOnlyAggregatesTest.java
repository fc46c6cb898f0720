package io.nexus.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the executors send back to the driver is model-sized: it does not grow with the number of journeys, so the
 * driver never holds journeys, whatever the input's size.
 */
class DriverHoldsOnlyAggregatesTest {
  @TempDir Path dir;

  @Test
  void theLargestTaskResultDoesNotGrowWithTheInput() throws Exception {
    String models = "first_touch,linear,w_shaped,markov(order=2),shapley";
    long small = largestTaskResult(LocalSpark.touchpoints(dir, 2_000, 8, 4), models);
    long large = largestTaskResult(LocalSpark.touchpoints(dir, 32_000, 8, 4), models);

    // 16 times the input: the counts grow only as new channel sets and Markov states turn up (28 KB to 42 KB when
    // written), while 32,000 touchpoints make about 11,000 journeys, some 500 KB even as a columnar batch.
    assertThat(large).isLessThan(64 * 1024);
    assertThat(large).isLessThan(3 * small);
  }

  private long largestTaskResult(Path input, String models) throws Exception {
    SparkContext context = LocalSpark.session().sparkContext();
    AtomicLong largest = new AtomicLong();
    SparkListener listener = new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (taskEnd.taskMetrics() != null) {
          largest.accumulateAndGet(taskEnd.taskMetrics().resultSize(), Math::max);
        }
      }
    };
    context.addSparkListener(listener);
    try {
      AttributionJob.run(LocalSpark.session(), "--input", input.toString(), "--models", models, "--output",
          dir.resolve("out-" + input.getFileName()).toString());
      context.listenerBus().waitUntilEmpty();
    } finally {
      context.removeSparkListener(listener);
    }
    return largest.get();
  }
}
