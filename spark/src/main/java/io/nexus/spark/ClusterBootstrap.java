package io.nexus.spark;

import io.nexus.engine.Attribution.ModelRun;
import io.nexus.engine.AttributionModel;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.ChannelTotals;
import io.nexus.engine.FittedModel;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.Models;
import io.nexus.engine.PartialTotals;
import io.nexus.engine.TrainingStatistics;
import io.nexus.engine.uncertainty.Bootstrap;
import io.nexus.engine.uncertainty.ModelIntervals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * Bootstrap intervals on the cluster, in the job's two passes: every partition re-weights its own journeys for every
 * replicate (Poisson weights by journey id, or by the chunk for path rows, so that no executor needs another's data),
 * counts each replicate's training statistics, and after the driver has refitted the data-driven models replicate by
 * replicate, totals every replicate; the driver merges the partitions' parts and summarises. The driver holds
 * replicates × models statistics and totals, model-sized, never journeys.
 */
final class ClusterBootstrap {
  private ClusterBootstrap() {}

  /** The intervals of every model of {@code runs}, in order. */
  static List<ModelIntervals> run(JavaSparkContext jsc, JavaRDD<JourneyChunk> chunks, List<ModelRun> runs,
      Bootstrap bootstrap, Broadcast<ChannelDictionary> dictionary, Consumer<String> progress) {
    int replicates = bootstrap.replicates();
    List<String> learning = new ArrayList<>();
    for (ModelRun run : runs) {
      if (run.model().dataDriven()) {
        learning.add(run.model().spec().label());
      }
    }
    List<TrainingStatistics> statistics = List.of();
    if (!learning.isEmpty()) {
      progress.accept("bootstrap: counting " + replicates + " replicates for " + String.join(", ", learning));
      statistics = chunks.mapPartitions(new ReplicateStatistics(learning, dictionary, bootstrap))
          .treeReduce(AttributionJob::mergeAll, 2);
    }
    progress.accept("bootstrap: refitting " + replicates + " replicates");
    List<FittedModel> fits = new ArrayList<>(replicates * runs.size());
    for (int b = 0; b < replicates; b++) {
      int d = 0;
      for (ModelRun run : runs) {
        AttributionModel model = run.model();
        fits.add(model.dataDriven() ? model.fit(statistics.get(b * learning.size() + d++)) : run.fit());
      }
    }
    Broadcast<List<FittedModel>> fitted = jsc.broadcast(fits);
    try {
      progress.accept("bootstrap: totalling " + replicates + " replicates");
      List<PartialTotals> parts = chunks.mapPartitions(new ReplicateTotals(fitted, dictionary, bootstrap))
          .treeReduce(AttributionJob::mergeTotals, 2);
      List<ModelIntervals> intervals = new ArrayList<>(runs.size());
      for (int m = 0; m < runs.size(); m++) {
        List<ChannelTotals> byReplicate = new ArrayList<>(replicates);
        for (int b = 0; b < replicates; b++) {
          byReplicate.add(parts.get(b * runs.size() + m).complete());
        }
        intervals.add(bootstrap.intervals(runs.get(m).totals(), byReplicate));
      }
      return intervals;
    } finally {
      fitted.destroy();
    }
  }

  /** A number that names a chunk among all the job's chunks, the same in every pass over the cached chunks. */
  static long partKey(JourneyChunk chunk) {
    return ((long) chunk.partition << 40) ^ chunk.firstRow;
  }

  /** Phase one on an executor: each replicate's statistics of each data-driven model, {@code [replicate][model]}. */
  static final class ReplicateStatistics
      implements FlatMapFunction<Iterator<JourneyChunk>, List<TrainingStatistics>> {
    private static final long serialVersionUID = 1L;
    private final List<String> specs;
    private final Broadcast<ChannelDictionary> dictionary;
    private final Bootstrap bootstrap;

    ReplicateStatistics(List<String> specs, Broadcast<ChannelDictionary> dictionary, Bootstrap bootstrap) {
      this.specs = List.copyOf(specs);
      this.dictionary = dictionary;
      this.bootstrap = bootstrap;
    }

    @Override
    public Iterator<List<TrainingStatistics>> call(Iterator<JourneyChunk> chunks) {
      ChannelDictionary channels = dictionary.value().copy();
      List<AttributionModel> models = specs.stream().map(Models::create).toList();
      List<TrainingStatistics> statistics = new ArrayList<>();
      for (int b = 0; b < bootstrap.replicates(); b++) {
        for (AttributionModel model : models) {
          statistics.add(model.newStatistics(channels));
        }
      }
      while (chunks.hasNext()) {
        JourneyChunk chunk = chunks.next();
        JourneyBatch batch = chunk.batch.withChannels(channels);
        for (int b = 0; b < bootstrap.replicates(); b++) {
          JourneyBatch replicate = bootstrap.replicateOfPart(batch, b, partKey(chunk));
          for (int d = 0; d < models.size(); d++) {
            statistics.get(b * models.size() + d).addAll(replicate);
          }
        }
      }
      return Collections.singletonList(statistics).iterator();
    }
  }

  /** Phase two on an executor: each replicate's totals of each model, {@code [replicate][model]}. */
  static final class ReplicateTotals implements FlatMapFunction<Iterator<JourneyChunk>, List<PartialTotals>> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<List<FittedModel>> fits;
    private final Broadcast<ChannelDictionary> dictionary;
    private final Bootstrap bootstrap;

    ReplicateTotals(Broadcast<List<FittedModel>> fits, Broadcast<ChannelDictionary> dictionary, Bootstrap bootstrap) {
      this.fits = fits;
      this.dictionary = dictionary;
      this.bootstrap = bootstrap;
    }

    @Override
    public Iterator<List<PartialTotals>> call(Iterator<JourneyChunk> chunks) {
      ChannelDictionary channels = dictionary.value().copy();
      List<FittedModel> all = fits.value();
      int models = all.size() / bootstrap.replicates();
      List<PartialTotals> totals = new ArrayList<>(all.size());
      for (FittedModel fit : all) {
        totals.add(new PartialTotals(fit, channels));
      }
      while (chunks.hasNext()) {
        JourneyChunk chunk = chunks.next();
        JourneyBatch batch = chunk.batch.withChannels(channels);
        for (int b = 0; b < bootstrap.replicates(); b++) {
          JourneyBatch replicate = bootstrap.replicateOfPart(batch, b, partKey(chunk));
          for (int m = 0; m < models; m++) {
            totals.get(b * models + m).add(replicate);
          }
        }
      }
      return Collections.singletonList(totals).iterator();
    }
  }
}
