package io.nexus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PathTransformTest {
  private static final List<String> PATH = List.of("D", "A", "B", "B", "B", "C", "C", "D");

  @Test
  void uniqueKeepsEveryTouch() {
    assertThat(PathTransform.UNIQUE.apply(PATH, Function.identity())).isEqualTo(PATH);
  }

  @Test
  void exposureCollapsesConsecutiveRepeatsAsInFractribution() {
    assertThat(PathTransform.EXPOSURE.apply(PATH, Function.identity())).containsExactly("D", "A", "B", "C", "D");
  }

  @Test
  void firstDropsRepeatsAsInFractribution() {
    assertThat(PathTransform.FIRST.apply(PATH, Function.identity())).containsExactly("D", "A", "B", "C");
  }

  @Test
  void intPathsTransformInPlace() {
    int[] path = {4, 1, 2, 2, 2, 3, 3, 4};
    int n = PathTransform.EXPOSURE.apply(path, 0, path.length, path);
    assertThat(Arrays.copyOf(path, n)).containsExactly(4, 1, 2, 3, 4);
  }

  @Test
  void unknownTransformNamesTheAcceptedOnes() {
    assertThatThrownBy(() -> PathTransform.parse("dedupe")).hasMessageContaining("unique, exposure or first");
  }
}
