package io.nexus.cli;

import io.nexus.engine.budget.BudgetPlan;
import io.nexus.engine.budget.ChannelPlan;
import io.nexus.engine.budget.CurveFit;
import io.nexus.engine.budget.PlanBootstrap;
import io.nexus.engine.budget.SpendLimits;
import io.nexus.engine.uncertainty.Interval;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV of {@code nexus plan}: one row per channel (those without a curve with the reason and no numbers), then a
 * {@code (total)} row; money to the cent, the recommended spends adding up to the budget exactly.
 */
final class PlanTable {
  static final String HEADER = "channel,status,current_spend,current_expected_revenue,recommended_spend,"
      + "expected_revenue,expected_roas,marginal_roas,at_limit,beyond_observed,r_squared,days,note";
  static final String INTERVAL_HEADER = ",expected_revenue_low,expected_revenue_high,recommended_spend_low,"
      + "recommended_spend_high";

  private final BudgetPlan plan;
  private final BudgetPlan current;
  private final PlanBootstrap bootstrap;
  private final Map<String, SpendLimits> limits;
  private final double confidence;

  PlanTable(BudgetPlan plan, BudgetPlan current, PlanBootstrap bootstrap, Map<String, SpendLimits> limits,
      double confidence) {
    this.plan = plan;
    this.current = current;
    this.bootstrap = bootstrap;
    this.limits = limits;
    this.confidence = confidence;
  }

  void write(Writer out, List<CurveFit> fits) throws IOException {
    out.write(HEADER + (bootstrap == null ? "" : INTERVAL_HEADER) + "\n");
    List<BigDecimal> cents = plan.spendInCents();
    Map<String, Double> recommended = new HashMap<>();
    for (int i = 0; i < cents.size(); i++) {
      recommended.put(plan.channels().get(i).channel(), cents.get(i).doubleValue());
    }
    Map<String, Double> now = new HashMap<>();
    current.channels().forEach(c -> now.put(c.channel(), c.spend()));
    for (CurveFit fit : fits) {
      StringBuilder row = new StringBuilder(csv(fit.channel()));
      if (!fit.estimable()) {
        row.append(",not_estimable,,,,,,,,,,").append(fit.days()).append(',').append(csv(fit.notEstimable()));
        row.append(bootstrap == null ? "" : ",,,,");
      } else {
        ChannelPlan planned = plan.channel(fit.channel());
        ChannelPlan was = current.channel(fit.channel());
        int index = plan.channels().indexOf(planned);
        row.append(",estimated,").append(money(was.spend())).append(',').append(money(was.expectedRevenue()))
            .append(',').append(cents.get(index).toPlainString()).append(',').append(money(planned.expectedRevenue()))
            .append(',').append(ratio(planned.roas())).append(',').append(ratio(planned.marginalReturn()))
            .append(',').append(planned.atLimit() == null ? "" : planned.atLimit())
            .append(',').append(planned.beyondObserved())
            .append(',').append(ratio(fit.rSquared())).append(',').append(fit.days()).append(',');
        if (bootstrap != null) {
          Interval revenue = bootstrap.revenue(plan.days(), recommended, fit.channel(), confidence);
          Interval spend = bootstrap.spend(plan.days(), plan.spend(), limits, fit.channel(), confidence);
          row.append(',').append(money(revenue.low())).append(',').append(money(revenue.high()))
              .append(',').append(money(spend.low())).append(',').append(money(spend.high()));
        }
      }
      out.write(row.append('\n').toString());
    }
    StringBuilder total = new StringBuilder("(total),plan,").append(money(current.spend())).append(',')
        .append(money(current.expectedRevenue())).append(',').append(money(plan.spend())).append(',')
        .append(money(plan.expectedRevenue())).append(',').append(ratio(plan.roas()))
        .append(",,,,,").append(plan.days()).append(",current ROAS ").append(ratio(current.roas()));
    if (bootstrap != null) {
      Interval revenue = bootstrap.revenue(plan.days(), recommended, confidence);
      total.append(',').append(money(revenue.low())).append(',').append(money(revenue.high())).append(",,");
    }
    out.write(total.append('\n').toString());
    out.flush();
  }

  private static String money(double amount) {
    return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static String ratio(double value) {
    return Double.isNaN(value) ? "" : BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).toPlainString();
  }

  private static String csv(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
