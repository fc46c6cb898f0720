package io.nexus.engine.uncertainty;

import io.nexus.engine.Attribution;
import io.nexus.engine.Attribution.ModelRun;
import io.nexus.engine.Channel;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.ChannelTotals.ChannelTotal;
import io.nexus.engine.FittedModel;
import io.nexus.engine.JourneyBatch;
import java.io.Serializable;
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
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Confidence intervals for every model's channel totals by a bootstrap over journeys: each replicate re-weights the
 * rows of a batch ({@link Resampling}), refits the data-driven models on it exactly as the point estimate was fitted,
 * totals every model, and each channel's interval is the percentile interval of its replicate totals
 * ({@link Interval#percentile}). Immutable and thread-safe; configure it as {@code
 * Bootstrap.replicates(200).confidence(0.9).seed(7)}; serializable, so that a cluster can ship it to its executors.
 *
 * <p>Replicate {@code b} draws its weights from a seed derived from the bootstrap's seed and {@code b} alone, so the
 * intervals are the same for the same seed whatever the number of threads that compute them. Nothing is read or
 * parsed again: a replicate of journeys shares the batch's touch columns with counts of its own, a replicate of a
 * path file is its distinct paths (found once) with counts drawn afresh.
 */
public final class Bootstrap implements Serializable {
  private static final long serialVersionUID = 1L;
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

  /**
   * The intervals of one model fitted on the journeys of {@code training} and crediting those of {@code credited}, as
   * a service reports over a date range with a model trained on a window of its own (rules ignore {@code training}).
   * Each replicate re-weights both batches, refits a data-driven model on the training replicate and totals the
   * credited one. Journeys are drawn by id, so a journey in both batches weighs the same in a replicate.
   *
   * @param pointEstimate the model, its fit on {@code training} and its totals over {@code credited}
   * @throws IllegalArgumentException when a batch is not of journeys (path files have no ids) or the resampling is
   *     multinomial, which cannot keep one journey's weight across two batches
   */
  public ModelIntervals run(JourneyBatch training, JourneyBatch credited, ModelRun pointEstimate) {
    if (!training.hasTimes() || !credited.hasTimes() || resampling != Resampling.POISSON) {
      throw new IllegalArgumentException("a model fitted on one batch and crediting another is resampled by journey "
          + "id: both batches must hold journeys, and the resampling must be Poisson");
    }
    Replicates fitted = new Replicates(training, resampling);
    Replicates totalled = new Replicates(credited, resampling);
    boolean refit = pointEstimate.model().dataDriven();
    ChannelTotals[][] totals = compute(1, () -> b -> {
      long replicateSeed = PoissonDraws.replicateSeed(seed, b);
      FittedModel fit = refit ? pointEstimate.model().fit(fitted.draw(replicateSeed, null)) : pointEstimate.fit();
      return new ChannelTotals[] {Attribution.totals(fit, totalled.draw(replicateSeed, null))};
    });
    List<ChannelTotals> byReplicate = new ArrayList<>(replicates);
    for (ChannelTotals[] replicate : totals) {
      byReplicate.add(replicate[0]);
    }
    return summarise(pointEstimate.totals(), byReplicate);
  }

  /**
   * Replicate {@code replicate} of one part of a data set too large for one machine (a cluster partition's chunk),
   * Poisson re-weighted: journeys by their ids, path rows (whose conversions and nulls are drawn as
   * Poisson(count)) from {@code partKey}, a number that names the part among the data set's parts. Parts re-weighted
   * apart and put together (their training statistics merged, their totals merged) are one replicate of the whole;
   * the same part with the same key draws the same weights in every pass over the data.
   */
  public JourneyBatch replicateOfPart(JourneyBatch part, int replicate, long partKey) {
    if (replicate < 0 || replicate >= replicates) {
      throw new IllegalArgumentException("replicate " + replicate + " of " + replicates);
    }
    return Replicates.ofPart(part, PoissonDraws.replicateSeed(seed, replicate), partKey);
  }

  /**
   * The intervals of one model from its point estimate and its totals in every replicate, computed elsewhere (such as
   * on a cluster from {@link #replicateOfPart}).
   *
   * @throws IllegalArgumentException unless there is one totals per replicate
   */
  public ModelIntervals intervals(ChannelTotals pointEstimate, List<ChannelTotals> replicateTotals) {
    if (replicateTotals.size() != replicates) {
      throw new IllegalArgumentException("expected the totals of " + replicates + " replicates, got "
          + replicateTotals.size());
    }
    return summarise(pointEstimate, replicateTotals);
  }

  /** Every replicate's totals of every model, {@code [replicate][model]}, computed on the worker threads. */
  private ChannelTotals[][] replicateTotals(JourneyBatch batch, List<ModelRun> runs) {
    Replicates drawn = new Replicates(batch, resampling);
    // Over distinct paths a rule's totals are linear in the counts: its shares are computed once, not per replicate.
    LinearTotals[] linear = new LinearTotals[runs.size()];
    for (int m = 0; m < runs.size(); m++) {
      if (drawn.distinctPaths() && !runs.get(m).model().dataDriven()) {
        linear[m] = new LinearTotals(runs.get(m).fit(), drawn.original());
      }
    }
    return compute(runs.size(), () -> {
      Replicates.Scratch scratch = drawn.new Scratch();
      return b -> {
        JourneyBatch replicate = drawn.draw(PoissonDraws.replicateSeed(seed, b), scratch);
        ChannelTotals[] totals = new ChannelTotals[runs.size()];
        for (int m = 0; m < runs.size(); m++) {
          ModelRun run = runs.get(m);
          if (linear[m] != null) {
            totals[m] = linear[m].totals(replicate);
          } else {
            FittedModel fit = run.model().dataDriven() ? run.model().fit(replicate) : run.fit();
            totals[m] = Attribution.totals(fit, replicate);
          }
        }
        return totals;
      };
    });
  }

  /**
   * Runs every replicate on the worker threads: each worker gets its own function (with scratch space of its own)
   * from {@code worker} and applies it to the replicate numbers it takes in turn.
   */
  private ChannelTotals[][] compute(int models, Supplier<IntFunction<ChannelTotals[]>> worker) {
    ChannelTotals[][] totals = new ChannelTotals[replicates][models];
    AtomicInteger next = new AtomicInteger();
    Runnable work = () -> {
      IntFunction<ChannelTotals[]> replicate = worker.get();
      for (int b = next.getAndIncrement(); b < replicates; b = next.getAndIncrement()) {
        totals[b] = replicate.apply(b);
      }
    };
    int threads = Math.min(parallelism, replicates);
    if (threads == 1) {
      work.run();
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
        running.add(pool.submit(work));
      }
      work.run();
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
