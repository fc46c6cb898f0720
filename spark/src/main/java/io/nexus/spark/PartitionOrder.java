package io.nexus.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Merges per-partition results up a tree of fixed shape in partition order, so that the same partitions give the same
 * result to the last digit on every run; stateless.
 *
 * <p>{@code treeReduce} merges in the order tasks happen to finish: floating-point sums (and the order in which Markov
 * states are numbered) then differ in their last digits from run to run. Here partition {@code i} goes to group
 * {@code i / fanIn}, {@code fanIn} about the square root of the partition count; each group merges its parts in
 * partition order on an executor as they stream in (sorted by the shuffle), and the driver merges the groups in order:
 * about the square root of the partition count of merges on the driver, as {@code treeReduce} of depth 2 does.
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
    int groups = Math.max(1, (partitions + fanIn - 1) / fanIn);
    JavaPairRDD<Integer, T> indexed = parts.mapPartitionsWithIndex(
        (Integer index, Iterator<T> it) -> it.hasNext()
            ? Collections.singletonList(new Tuple2<>(index, fold(it, merge))).iterator()
            : Collections.<Tuple2<Integer, T>>emptyIterator(), true)
        .mapToPair(t -> t);
    // Each group receives its parts sorted by partition and merges them as they stream in, one at a time.
    List<Tuple2<Integer, T>> merged = new ArrayList<>(indexed
        .repartitionAndSortWithinPartitions(new Groups(groups, fanIn))
        .mapPartitionsWithIndex((Integer group, Iterator<Tuple2<Integer, T>> it) -> {
          if (!it.hasNext()) {
            return Collections.<Tuple2<Integer, T>>emptyIterator();
          }
          T result = it.next()._2();
          while (it.hasNext()) {
            result = merge.apply(result, it.next()._2());
          }
          return Collections.singletonList(new Tuple2<>(group, result)).iterator();
        }, true)
        .collect());
    if (merged.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge: no partition had a result");
    }
    merged.sort(Comparator.comparing(Tuple2::_1));
    T result = merged.get(0)._2();
    for (int i = 1; i < merged.size(); i++) {
      result = merge.apply(result, merged.get(i)._2());
    }
    return result;
  }

  /** Partition {@code i} to group {@code i / fanIn}. */
  private static final class Groups extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int groups;
    private final int fanIn;

    Groups(int groups, int fanIn) {
      this.groups = groups;
      this.fanIn = fanIn;
    }

    @Override
    public int numPartitions() {
      return groups;
    }

    @Override
    public int getPartition(Object partition) {
      return (Integer) partition / fanIn;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Groups g && g.groups == groups && g.fanIn == fanIn;
    }

    @Override
    public int hashCode() {
      return 31 * groups + fanIn;
    }
  }

  private static <T> T fold(Iterator<T> it, Merge<T> merge) {
    T result = it.next();
    while (it.hasNext()) {
      result = merge.apply(result, it.next());
    }
    return result;
  }
}
