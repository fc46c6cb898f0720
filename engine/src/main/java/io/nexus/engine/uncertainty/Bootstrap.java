package io.nexus.engine.uncertainty;

import io.nexus.engine.Attribution;
import io.nexus.engine.Attribution.ModelRun;
import io.nexus.engine.Channel;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.ChannelTotals.ChannelTotal;
import io.nexus.engine.FittedModel;
import io.nexus.engine.JourneyBatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Confidence intervals for every model's channel totals by a bootstrap over journeys: each replicate re-weights the
 * rows of a batch ({@link Resampling}), refits the data-driven models on it exactly as the point estimate was fitted,
 * totals every model, and each channel's interval is the percentile interval of its replicate totals
 * ({@link Interval#percentile}). Immutable and thread-safe; configure it as {@code
 * Bootstrap.replicates(200).confidence(0.9).seed(7)}.
 *
 * <p>Replicate {@code b} draws its weights from a seed derived from the bootstrap's seed and {@code b} alone, so the
 * intervals are the same for the same seed whatever the number of threads that compute them. Nothing is read or
 * parsed again: a replicate of journeys shares the batch's touch columns with counts of its own, a replicate of a
 * path file is its distinct paths (found once) with counts drawn afresh.
 */
public final class Bootstrap {
  /** The replicates of {@link #replicates(int)} when a caller names no number. */
  public static final int DEFAULT_REPLICATES = 200;
  /** The confidence level when none is set. */
  public static final double DEFAULT_CONFIDENCE = 0.9;
  /** The seed when none is set. */
  public static final long DEFAULT_SEED = 1;

  private final int replicates;
  private final double confidence;
  private final long seed;
  private final Resampling resampling;
  private final int parallelism;

  private Bootstrap(int replicates, double confidence, long seed, Resampling resampling, int parallelism) {
    this.replicates = replicates;
    this.confidence = confidence;
    this.seed = seed;
    this.resampling = resampling;
    this.parallelism = parallelism;
  }

  /**
   * A bootstrap of {@code replicates} replicates at the default confidence, seed and resampling, on every core.
   *
   * @throws IllegalArgumentException when {@code replicates} is below 2
   */
  public static Bootstrap replicates(int replicates) {
    if (replicates < 2) {
      throw new IllegalArgumentException("a bootstrap needs at least 2 replicates: " + replicates);
    }
    return new Bootstrap(replicates, DEFAULT_CONFIDENCE, DEFAULT_SEED, Resampling.POISSON,
        Runtime.getRuntime().availableProcessors());
  }

  /**
   * This bootstrap with intervals at {@code confidence}, such as 0.95.
   *
   * @throws IllegalArgumentException unless {@code confidence} is between 0 and 1 (exclusive)
   */
  public Bootstrap confidence(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be between 0 and 1 (exclusive): " + confidence);
    }
    return new Bootstrap(replicates, confidence, seed, resampling, parallelism);
  }

  /** This bootstrap drawing its replicates from {@code seed}. */
  public Bootstrap seed(long seed) {
    return new Bootstrap(replicates, confidence, seed, resampling, parallelism);
  }

  /** This bootstrap re-weighting rows by {@code resampling}. */
  public Bootstrap resampling(Resampling resampling) {
    return new Bootstrap(replicates, confidence, seed, resampling, parallelism);
  }

  /**
   * This bootstrap computing its replicates on {@code threads} threads; the results do not depend on it.
   *
   * @throws IllegalArgumentException when {@code threads} is below 1
   */
  public Bootstrap parallelism(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + threads);
    }
    return new Bootstrap(replicates, confidence, seed, resampling, threads);
  }

  /** The number of replicates. */
  public int replicates() {
    return replicates;
  }

  /** The confidence level of the intervals. */
  public double confidence() {
    return confidence;
  }

  /** The seed the replicates are drawn from. */
  public long seed() {
    return seed;
  }

  /**
   * The intervals of every model of {@code pointEstimates} (as {@link Attribution#runAll} gives them on
   * {@code batch}), in the same order.
   *
   * @throws IllegalArgumentException when multinomial resampling meets path rows with counts that are not whole
   */
  public List<ModelIntervals> run(JourneyBatch batch, List<ModelRun> pointEstimates) {
    ChannelTotals[][] replicateTotals = replicateTotals(batch, pointEstimates);
    List<ModelIntervals> result = new ArrayList<>(pointEstimates.size());
    for (int m = 0; m < pointEstimates.size(); m++) {
      List<ChannelTotals> byReplicate = new ArrayList<>(replicates);
      for (ChannelTotals[] totals : replicateTotals) {
        byReplicate.add(totals[m]);
      }
      result.add(summarise(pointEstimates.get(m).totals(), byReplicate));
    }
    return result;
  }

  /** Every replicate's totals of every model, {@code [replicate][model]}, computed on the worker threads. */
  private ChannelTotals[][] replicateTotals(JourneyBatch batch, List<ModelRun> runs) {
    ChannelTotals[][] totals = new ChannelTotals[replicates][runs.size()];
    Replicates drawn = new Replicates(batch, resampling);
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int b = next.getAndIncrement(); b < replicates; b = next.getAndIncrement()) {
        JourneyBatch replicate = drawn.draw(PoissonDraws.replicateSeed(seed, b));
        for (int m = 0; m < runs.size(); m++) {
          ModelRun run = runs.get(m);
          FittedModel fit = run.model().dataDriven() ? run.model().fit(replicate) : run.fit();
          totals[b][m] = Attribution.totals(fit, replicate);
        }
      }
    };
    int threads = Math.min(parallelism, replicates);
    if (threads == 1) {
      worker.run();
      return totals;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads - 1, task -> {
      Thread thread = new Thread(task, "nexus-bootstrap");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 1; t < threads; t++) {
        running.add(pool.submit(worker));
      }
      worker.run();
      for (Future<?> future : running) {
        future.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("a bootstrap replicate failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing bootstrap replicates", e);
    } finally {
      pool.shutdownNow();
    }
    return totals;
  }

  /** The point estimate's channels with their percentile intervals and rank changes over {@code replicates}. */
  private ModelIntervals summarise(ChannelTotals point, List<ChannelTotals> byReplicate) {
    List<ChannelTotal> channels = point.channels();
    Map<Channel, Integer> index = new HashMap<>();
    for (int c = 0; c < channels.size(); c++) {
      index.put(channels.get(c).channel(), c);
    }
    double[][] conversions = new double[channels.size()][replicates];
    double[][] values = new double[channels.size()][replicates];
    int[] rankChanges = new int[channels.size()];
    int[] pointRanks = ranks(channels, index);
    for (int b = 0; b < replicates; b++) {
      List<ChannelTotal> replicate = new ArrayList<>(channels.size());
      for (ChannelTotal total : channels) {
        ChannelTotal drawn = byReplicate.get(b).get(total.channel());
        replicate.add(drawn != null ? drawn : new ChannelTotal(total.channel(), 0, 0));
      }
      int[] ranks = ranks(replicate, index);
      for (int c = 0; c < channels.size(); c++) {
        conversions[c][b] = replicate.get(c).conversions();
        values[c][b] = replicate.get(c).value();
        if (ranks[c] != pointRanks[c]) {
          rankChanges[c]++;
        }
      }
    }
    List<ChannelInterval> intervals = new ArrayList<>(channels.size());
    for (int c = 0; c < channels.size(); c++) {
      ChannelTotal total = channels.get(c);
      intervals.add(new ChannelInterval(total.channel(), total.conversions(),
          Interval.percentile(conversions[c], confidence), total.value(), Interval.percentile(values[c], confidence),
          (double) rankChanges[c] / replicates));
    }
    return new ModelIntervals(point.model(), confidence, seed, resampling, intervals, byReplicate);
  }

  /** Each channel's rank (0 first) by attributed value, then conversions, descending, then by channel. */
  private static int[] ranks(List<ChannelTotal> totals, Map<Channel, Integer> index) {
    List<ChannelTotal> order = new ArrayList<>(totals);
    order.sort(Comparator.comparingDouble(ChannelTotal::value).reversed()
        .thenComparing(Comparator.comparingDouble(ChannelTotal::conversions).reversed())
        .thenComparing(ChannelTotal::channel));
    int[] ranks = new int[totals.size()];
    for (int r = 0; r < order.size(); r++) {
      ranks[index.get(order.get(r).channel())] = r;
    }
    return ranks;
  }
}
