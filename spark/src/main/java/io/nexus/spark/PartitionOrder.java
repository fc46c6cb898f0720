package io.nexus.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Merges per-partition results up a tree of fixed shape in partition order, so that the same partitions give the same
 * result to the last digit on every run; stateless.
 *
 * <p>{@code treeReduce} merges in the order tasks happen to finish: floating-point sums (and the order in which Markov
 * states are numbered) then differ in their last digits from run to run. Here partition {@code i} goes to group
 * {@code i / fanIn}; each group merges its parts in partition order on an executor, and the driver merges the groups in
 * order: about the square root of the partition count of merges on the driver, as {@code treeReduce} of depth 2 does.
 */
final class PartitionOrder {
  private PartitionOrder() {}

  /** Merges {@code b} into {@code a} (or into a new value) and returns the result; shipped to the executors. */
  @FunctionalInterface
  interface Merge<T> extends Serializable {
    T apply(T a, T b);
  }

  /**
   * The merge of the elements of {@code parts} in partition order, and within a partition in their order.
   *
   * @throws IllegalArgumentException when {@code parts} has no element at all
   */
  static <T> T merge(JavaRDD<T> parts, Merge<T> merge) {
    int partitions = parts.getNumPartitions();
    int fanIn = Math.max(2, (int) Math.ceil(Math.sqrt(partitions)));
    int groups = (partitions + fanIn - 1) / fanIn;
    JavaPairRDD<Integer, T> indexed = parts.mapPartitionsWithIndex(
        (Integer index, Iterator<T> it) -> it.hasNext()
            ? Collections.singletonList(new Tuple2<>(index, fold(it, merge))).iterator()
            : Collections.<Tuple2<Integer, T>>emptyIterator(), true)
        .mapToPair(t -> t);
    // Key g goes to partition g % groups = g: one group per partition.
    List<Tuple2<Integer, T>> merged = new ArrayList<>(indexed
        .mapToPair(part -> new Tuple2<>(part._1() / fanIn, part))
        .groupByKey(new HashPartitioner(groups))
        .mapValues(group -> {
          List<Tuple2<Integer, T>> sorted = new ArrayList<>();
          group.forEach(sorted::add);
          return inOrder(sorted, merge);
        })
        .collect());
    if (merged.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge: no partition had a result");
    }
    return inOrder(merged, merge);
  }

  private static <T> T fold(Iterator<T> it, Merge<T> merge) {
    T result = it.next();
    while (it.hasNext()) {
      result = merge.apply(result, it.next());
    }
    return result;
  }

  private static <T> T inOrder(List<Tuple2<Integer, T>> parts, Merge<T> merge) {
    parts.sort(Comparator.comparing(Tuple2::_1));
    T result = parts.get(0)._2();
    for (int i = 1; i < parts.size(); i++) {
      result = merge.apply(result, parts.get(i)._2());
    }
    return result;
  }
}
