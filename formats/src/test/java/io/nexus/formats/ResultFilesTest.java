package io.nexus.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResultFilesTest {

  @Test
  void exactNumbersReadBackAsTheSameDouble() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      double d = random.nextDouble() * Math.pow(10, random.nextInt(-8, 12));
      String written = ResultFiles.exact().number(d);
      assertThat(Double.parseDouble(written)).as(written).isEqualTo(d);
      assertThat(written).doesNotContain("E");
    }
  }

  @Test
  void exactNumbersHaveNoNeedlessDigits() {
    assertThat(ResultFiles.exact().number(2)).isEqualTo("2");
    assertThat(ResultFiles.exact().number(0.1)).isEqualTo("0.1");
    assertThat(ResultFiles.exact().number(4378.5199999999995)).isEqualTo("4378.5199999999995");
    assertThat(ResultFiles.exact().number(1e-7)).isEqualTo("0.0000001");
  }

  @Test
  void roundedNumbersHaveAtMostTheDecimalsAsked() {
    ResultFiles two = ResultFiles.rounded(2);

    assertThat(two.number(4378.5199999999995)).isEqualTo("4378.52");
    assertThat(two.number(0.125)).isEqualTo("0.13");
    assertThat(two.number(2.5)).isEqualTo("2.5");
    assertThat(two.number(0.001)).isEqualTo("0");
    assertThat(two.number(-0.001)).isEqualTo("0");
    assertThat(ResultFiles.rounded(0).number(35.5)).isEqualTo("36");
  }

  @Test
  void decimalsBeyondADoublesAreRefused() {
    assertThatThrownBy(() -> ResultFiles.rounded(18)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ResultFiles.rounded(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
