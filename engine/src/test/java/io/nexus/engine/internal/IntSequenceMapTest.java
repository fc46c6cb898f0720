package io.nexus.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntSequenceMapTest {

  @Test
  void givesEachDistinctSequenceOneDenseId() {
    IntSequenceMap map = new IntSequenceMap();
    assertThat(map.add(new int[] {1, 2, 3})).isZero();
    assertThat(map.add(new int[] {1, 2})).isEqualTo(1);
    assertThat(map.add(new int[] {9, 1, 2, 3}, 1, 4)).isZero();
    assertThat(map.find(new int[] {2, 1})).isEqualTo(-1);
    assertThat(map.size()).isEqualTo(2);
  }

  @Test
  void findsASequenceWithOneElementLeftOut() {
    IntSequenceMap map = new IntSequenceMap();
    int id = map.add(new int[] {1, 3});
    assertThat(map.findWithout(new int[] {1, 2, 3}, 0, 3, 1)).isEqualTo(id);
    assertThat(map.findWithout(new int[] {1, 2, 3}, 0, 3, 0)).isEqualTo(-1);
  }

  @Test
  void agreesWithAHashMapOnManyRandomKeys() {
    IntSequenceMap map = new IntSequenceMap();
    Map<List<Integer>, Integer> reference = new HashMap<>();
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 50_000; i++) {
      int[] key = random.ints(random.nextInt(0, 6), 0, 7).toArray();
      List<Integer> boxed = Arrays.stream(key).boxed().toList();
      int id = map.add(key);
      Integer expected = reference.putIfAbsent(boxed, id);
      if (expected != null) {
        assertThat(id).isEqualTo(expected);
      }
      assertThat(map.key(id)).isEqualTo(key);
    }
    assertThat(map.size()).isEqualTo(reference.size());
  }
}
