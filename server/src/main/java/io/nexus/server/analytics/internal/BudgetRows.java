package io.nexus.server.analytics.internal;

import io.nexus.engine.budget.BudgetPlan;
import io.nexus.engine.budget.ChannelPlan;
import io.nexus.engine.budget.CurveFit;
import io.nexus.engine.budget.PlanBootstrap;
import io.nexus.engine.uncertainty.Interval;
import io.nexus.server.analytics.internal.BudgetAnswers.ChannelRow;
import io.nexus.server.analytics.internal.BudgetAnswers.Curve;
import io.nexus.server.analytics.internal.BudgetAnswers.Totals;
import io.nexus.server.analytics.internal.BudgetPlanner.Curves;
import io.nexus.server.channel.Channel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The rows and totals of the budget answers: money to the cent, ratios to 6 places, intervals as {@code [low, high]}. */
final class BudgetRows {
  private BudgetRows() {}

  static ChannelRow row(CurveFit fit, Map<Long, Channel> names, Curves curves, BudgetPlan current,
      ChannelPlan planned, BigDecimal spend, Interval revenue, Interval spendInterval) {
    long id = Long.parseLong(fit.channel());
    Channel channel = names.get(id);
    String name = channel == null ? "#" + id : channel.name();
    if (!fit.estimable()) {
      return new ChannelRow(id, name, "not_estimable", fit.notEstimable(), null, money(fit.totalSpend()),
          money(fit.totalRevenue()), null, null, null, null, null, null, null, null, null);
    }
    Curve curve = new Curve(fit.curve().beta(), fit.curve().alpha(), fit.curve().kappa(), fit.rSquared(),
        fit.days(), fit.spendDays(), money(fit.maxSpend()));
    return new ChannelRow(id, name, "estimated", null, curve, money(fit.totalSpend()), money(fit.totalRevenue()),
        money(current.channel(fit.channel()).expectedRevenue()), spend, money(planned.expectedRevenue()),
        ratio(planned.roas()), ratio(planned.marginalReturn()), planned.atLimit(), planned.beyondObserved(),
        interval(revenue), interval(spendInterval));
  }

  static Totals totals(BudgetPlan plan, Interval revenue) {
    return new Totals(money(plan.spend()), money(plan.expectedRevenue()), ratio(plan.roas()), interval(revenue));
  }

  static List<String> notes(Curves curves, PlanBootstrap bootstrap) {
    List<String> notes = new ArrayList<>();
    if (curves.estimable().size() < curves.fits().size()) {
      notes.add("channels without a response curve are left out of the plan; each says why");
    }
    if (curves.estimable().stream().anyMatch(f -> f.rSquared() < 0.3)) {
      notes.add("some curves explain less than 30 % of their channel's daily revenue (r_squared): treat their "
          + "recommendations with care");
    }
    if (bootstrap != null && bootstrap.dropped() > 0) {
      notes.add(bootstrap.dropped() + " bootstrap replicates were left out: a channel could not be "
          + "fitted on their days");
    }
    return notes;
  }

  static BigDecimal money(double amount) {
    return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
  }

  private static BigDecimal ratio(double value) {
    return Double.isFinite(value) ? BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP) : null;
  }

  private static List<BigDecimal> interval(Interval interval) {
    return interval == null ? null : List.of(money(interval.low()), money(interval.high()));
  }
}
