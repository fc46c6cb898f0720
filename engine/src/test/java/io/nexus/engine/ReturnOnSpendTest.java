package io.nexus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** ROI and ROAS as every answer, report and stored result gives them: one formula, one rounding. */
class ReturnOnSpendTest {

  private static ReturnOnSpend of(String revenue, String cost) {
    return new ReturnOnSpend(new BigDecimal(revenue), new BigDecimal(cost));
  }

  @Test
  void roiIsTheGainOverCostInPercentToFourPlaces() {
    assertThat(of("100", "3").roi()).isEqualTo(new BigDecimal("3233.3333"));
    assertThat(of("10", "2").roi()).isEqualTo(new BigDecimal("400.0000"));
    assertThat(of("0", "2").roi()).isEqualTo(new BigDecimal("-100.0000"));
  }

  @Test
  void roasIsRevenuePerUnitOfCostToSixPlaces() {
    assertThat(of("100", "3").roas()).isEqualTo(new BigDecimal("33.333333"));
    assertThat(of("2", "3").roas()).isEqualTo(new BigDecimal("0.666667"));
    assertThat(of("10", "2").roas()).isEqualTo(new BigDecimal("5.000000"));
  }

  @Test
  void halvesRoundAwayFromZero() {
    // Exact halves in the first place dropped: half up, not to the even neighbour.
    assertThat(of("0.0000025", "1").roas()).isEqualTo(new BigDecimal("0.000003"));
    assertThat(of("0.0000015", "1").roas()).isEqualTo(new BigDecimal("0.000002"));
    assertThat(of("1.0000005", "1").roi()).isEqualTo(new BigDecimal("0.0001"));
    assertThat(of("0.9999995", "1").roi()).isEqualTo(new BigDecimal("-0.0001"));
  }

  @Test
  void bothAreNullWhenNothingWasSpent() {
    assertThat(of("50", "0").roi()).isNull();
    assertThat(of("50", "0.0000").roas()).isNull();
    assertThat(new ReturnOnSpend(BigDecimal.TEN, null).roi()).isNull();
  }

  @Test
  void aNegativeCostIsRefused() {
    assertThatThrownBy(() -> of("1", "-0.01")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cost must not be negative");
  }
}
