package io.nexus.server.analytics.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The answers of the budget endpoints; money to the cent, ratios to 6 places, intervals as {@code [low, high]}. */
final class BudgetAnswers {
  private BudgetAnswers() {}

  /** A channel's fitted curve: daily revenue {@code beta · x^alpha / (x^alpha + kappa^alpha)} of daily spend x. */
  record Curve(double beta, double alpha, double kappa, double rSquared, int days, int spendDays,
      BigDecimal maxDailySpend) {}

  /**
   * One channel: its curve or why it has none, what it spent and the curve expects of that, and what the plan (or the
   * what-if allocation) gives it and expects back.
   */
  record ChannelRow(long channelId, String channelName, String status, String reason, Curve curve,
      BigDecimal currentSpend, BigDecimal attributedRevenue, BigDecimal currentExpectedRevenue,
      BigDecimal recommendedSpend, BigDecimal expectedRevenue, BigDecimal expectedRoas, BigDecimal marginalRoas,
      String atLimit, Boolean beyondObserved, List<BigDecimal> expectedRevenueInterval,
      List<BigDecimal> recommendedSpendInterval) {}

  /** Totals of an allocation. */
  record Totals(BigDecimal spend, BigDecimal expectedRevenue, BigDecimal roas,
      List<BigDecimal> expectedRevenueInterval) {}

  /** The recommended plan against the current allocation. */
  record Plan(long attributionModelId, Instant from, Instant to, int days, BigDecimal totalBudget,
      Totals plan, Totals current, BigDecimal currentAttributedRevenue, List<ChannelRow> channels,
      Integer bootstrapReplicates, List<String> notes) {}

  /** What an allocation is expected to return. */
  record WhatIf(long attributionModelId, Instant from, Instant to, int days, Totals allocation, Totals current,
      List<ChannelRow> channels, Integer bootstrapReplicates, List<String> notes) {}
}
