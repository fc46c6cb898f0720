package io.nexus.server.analytics.internal;

import io.nexus.engine.budget.BudgetOptimizer;
import io.nexus.engine.budget.BudgetPlan;
import io.nexus.engine.budget.ChannelPlan;
import io.nexus.engine.budget.CurveFit;
import io.nexus.engine.budget.PlanBootstrap;
import io.nexus.engine.budget.ResponseCurves;
import io.nexus.engine.budget.SpendLimits;
import io.nexus.engine.uncertainty.Interval;
import io.nexus.server.analytics.internal.BudgetAnswers.ChannelRow;
import io.nexus.server.analytics.internal.BudgetAnswers.Totals;
import io.nexus.server.analytics.internal.DailyHistories.ChannelDays;
import io.nexus.server.attribution.TouchFilter;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.FieldProblem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Budget plans and what-ifs on the response curves of a model's daily attributed revenue (see docs/budget.md): the
 * curves fitted per request from the cached daily histories (of the touches a touch filter keeps), the constraints checked against them, the optimiser of
 * the engine, and the day bootstrap when intervals are asked for.
 */
@Component
class BudgetPlanner {
  static final int DEFAULT_REPLICATES = 100;
  static final double DEFAULT_CONFIDENCE = 0.9;
  private static final long SEED = 1;

  private final DailyHistories histories;
  private final ChannelCatalog channels;

  BudgetPlanner(DailyHistories histories, ChannelCatalog channels) {
    this.histories = histories;
    this.channels = channels;
  }

  /** The fitted curves of a range, with the data they came from. */
  record Curves(int days, List<ChannelDays> data, List<CurveFit> fits, List<CurveFit> estimable) {
    CurveFit of(long channelId) {
      return fits.stream().filter(f -> f.channel().equals(Long.toString(channelId))).findFirst().orElse(null);
    }
  }

  Curves curves(long modelId, Instant from, Instant to, TouchFilter touches) {
    List<ChannelDays> data = histories.load(modelId, from, to, touches);
    List<CurveFit> fits = ResponseCurves.fit(data.stream().map(ChannelDays::history).toList());
    return new Curves(DailyHistories.days(from, to), data, fits, fits.stream().filter(CurveFit::estimable).toList());
  }

  BudgetAnswers.Plan plan(BudgetRequests.Plan request, Instant from, Instant to, TouchFilter touches) {
    Curves curves = curves(request.attributionModelId(), from, to, touches);
    Map<String, SpendLimits> limits = BudgetOptimizer.withinObserved(curves.estimable(), curves.days(),
        limits(request.constraints(), curves));
    double budget = request.totalBudget().doubleValue();
    checkBudget(request.totalBudget(), limits, curves);
    BudgetPlan plan = BudgetOptimizer.plan(curves.estimable(), curves.days(), budget, limits);
    BudgetPlan current = BudgetOptimizer.evaluate(curves.estimable(), curves.days(), currentSpend(curves));
    List<BigDecimal> cents = plan.spendInCents();
    Map<String, Double> recommended = new HashMap<>();
    for (int i = 0; i < cents.size(); i++) {
      recommended.put(plan.channels().get(i).channel(), cents.get(i).doubleValue());
    }
    Bootstrap bootstrap = Bootstrap.of(request.intervals(), request.confidence(), request.replicates(), curves);
    List<ChannelRow> rows = new ArrayList<>();
    Map<Long, Channel> names = names(curves);
    for (CurveFit fit : curves.fits()) {
      ChannelPlan planned = plan.channel(fit.channel());
      BigDecimal spend = planned == null ? null : cents.get(plan.channels().indexOf(planned));
      rows.add(BudgetRows.row(fit, names, curves, current, planned, spend,
          bootstrap == null || planned == null ? null
              : bootstrap.interval(b -> b.revenue(curves.days(), recommended, fit.channel(), bootstrap.confidence)),
          bootstrap == null || planned == null ? null : bootstrap.interval(b -> b.spend(curves.days(), budget, limits,
              fit.channel(), bootstrap.confidence))));
    }
    Totals planTotals = BudgetRows.totals(plan, bootstrap == null ? null
        : bootstrap.interval(b -> b.revenue(curves.days(), recommended, bootstrap.confidence)));
    Totals currentTotals = BudgetRows.totals(current, bootstrap == null ? null
        : bootstrap.interval(b -> b.revenue(curves.days(), currentSpend(curves), bootstrap.confidence)));
    return new BudgetAnswers.Plan(request.attributionModelId(), from, to, curves.days(),
        request.totalBudget().setScale(2, RoundingMode.UNNECESSARY), planTotals, currentTotals,
        BudgetRows.money(curves.estimable().stream().mapToDouble(CurveFit::totalRevenue).sum()), rows,
        bootstrap == null ? null : bootstrap.kept(), BudgetRows.notes(curves, Bootstrap.drawn(bootstrap)));
  }

  BudgetAnswers.WhatIf whatIf(BudgetRequests.WhatIf request, Instant from, Instant to, TouchFilter touches) {
    Curves curves = curves(request.attributionModelId(), from, to, touches);
    Map<String, Double> allocation = new LinkedHashMap<>();
    List<FieldProblem> problems = new ArrayList<>();
    request.allocation().forEach((key, amount) -> {
      String field = "allocation[" + key + "]";
      CurveFit fit = fitOf(key, field, curves, problems);
      if (fit != null) {
        allocation.put(fit.channel(), amount.doubleValue());
      }
    });
    if (!problems.isEmpty()) {
      throw ApiException.unprocessable(problems.size() + " channels of the allocation cannot be planned", problems);
    }
    BudgetPlan evaluated = BudgetOptimizer.evaluate(curves.estimable(), curves.days(), allocation);
    BudgetPlan current = BudgetOptimizer.evaluate(curves.estimable(), curves.days(), currentSpend(curves));
    Bootstrap bootstrap = Bootstrap.of(request.intervals(), request.confidence(), request.replicates(), curves);
    Map<Long, Channel> names = names(curves);
    List<ChannelRow> rows = new ArrayList<>();
    for (CurveFit fit : curves.fits()) {
      ChannelPlan planned = evaluated.channel(fit.channel());
      rows.add(BudgetRows.row(fit, names, curves, current, planned, planned == null ? null : BudgetRows.money(planned.spend()),
          bootstrap == null || planned == null ? null
              : bootstrap.interval(b -> b.revenue(curves.days(), allocation, fit.channel(), bootstrap.confidence)),
          null));
    }
    return new BudgetAnswers.WhatIf(request.attributionModelId(), from, to, curves.days(),
        BudgetRows.totals(evaluated, bootstrap == null ? null
            : bootstrap.interval(b -> b.revenue(curves.days(), allocation, bootstrap.confidence))),
        BudgetRows.totals(current, null), rows, bootstrap == null ? null : bootstrap.kept(),
        BudgetRows.notes(curves, Bootstrap.drawn(bootstrap)));
  }

  /** The constraints by channel name, each naming a channel with a curve and a min not above its max. */
  private static Map<String, SpendLimits> limits(Map<String, BudgetRequests.Limits> constraints, Curves curves) {
    Map<String, SpendLimits> limits = new LinkedHashMap<>();
    if (constraints == null) {
      return limits;
    }
    List<FieldProblem> problems = new ArrayList<>();
    constraints.forEach((key, limit) -> {
      String field = "constraints[" + key + "]";
      CurveFit fit = fitOf(key, field, curves, problems);
      if (fit == null) {
        return;
      }
      if (limit == null) {
        problems.add(new FieldProblem(field, "must be an object with min and max"));
        return;
      }
      BigDecimal min = limit.min() == null ? BigDecimal.ZERO : limit.min();
      if (limit.max() != null && limit.max().compareTo(min) < 0) {
        problems.add(new FieldProblem(field + ".min", "must not be above max (" + min.toPlainString() + " > "
            + limit.max().toPlainString() + ")"));
        return;
      }
      limits.put(fit.channel(), new SpendLimits(min.doubleValue(),
          limit.max() == null ? Double.POSITIVE_INFINITY : limit.max().doubleValue()));
    });
    if (!problems.isEmpty()) {
      throw ApiException.unprocessable(problems.size() + " constraints cannot be applied", problems);
    }
    return limits;
  }

  /** The fit of the channel {@code key} names, or null with the problem noted. */
  private static CurveFit fitOf(String key, String field, Curves curves, List<FieldProblem> problems) {
    long id;
    try {
      id = Long.parseLong(key.strip());
    } catch (NumberFormatException e) {
      problems.add(new FieldProblem(field, "must be a channel id"));
      return null;
    }
    CurveFit fit = curves.of(id);
    if (fit == null) {
      problems.add(new FieldProblem(field, "channel " + id + " has neither spend nor attributed revenue in the range"));
      return null;
    }
    if (!fit.estimable()) {
      problems.add(new FieldProblem(field, "channel " + id + " is not estimable: " + fit.notEstimable()));
      return null;
    }
    return fit;
  }

  private static void checkBudget(BigDecimal budget, Map<String, SpendLimits> limits, Curves curves) {
    if (curves.estimable().isEmpty()) {
      throw ApiException.unprocessable("no channel has a response curve over this range under this model",
          List.of(new FieldProblem("start_date", "no channel is estimable between start_date and end_date")));
    }
    BigDecimal minima = BigDecimal.ZERO;
    BigDecimal maxima = BigDecimal.ZERO;
    for (CurveFit fit : curves.estimable()) {
      SpendLimits limit = limits.get(fit.channel());
      minima = minima.add(BigDecimal.valueOf(limit.min()));
      maxima = maxima.add(BigDecimal.valueOf(limit.max()));
    }
    if (budget.compareTo(minima) < 0) {
      throw ApiException.unprocessable("total_budget", "is below the sum of the constraints' minima ("
          + minima.setScale(2, RoundingMode.HALF_UP).toPlainString() + ")");
    }
    if (budget.compareTo(maxima) > 0) {
      throw ApiException.unprocessable("total_budget", "is above the sum of the maxima ("
          + maxima.setScale(2, RoundingMode.HALF_UP).toPlainString() + ") of the channels that can be planned; "
          + "without a max in constraints a channel is held to twice its highest daily spend seen");
    }
  }

  private static Map<String, Double> currentSpend(Curves curves) {
    Map<String, Double> spend = new HashMap<>();
    curves.estimable().forEach(f -> spend.put(f.channel(), f.totalSpend()));
    return spend;
  }

  private Map<Long, Channel> names(Curves curves) {
    return channels.findAll(curves.data().stream().map(ChannelDays::channelId).toList());
  }

  /** The day bootstrap of a request that asks for intervals. */
  private record Bootstrap(PlanBootstrap bootstrap, double confidence) {
    static Bootstrap of(Boolean asked, Double confidence, Integer replicates, Curves curves) {
      if (!Boolean.TRUE.equals(asked)) {
        return null;
      }
      List<String> estimable = curves.estimable().stream().map(CurveFit::channel).toList();
      PlanBootstrap drawn = PlanBootstrap.of(curves.data().stream().map(ChannelDays::history)
          .filter(h -> estimable.contains(h.channel())).toList(),
          replicates == null ? DEFAULT_REPLICATES : replicates, SEED);
      return new Bootstrap(drawn, confidence == null ? DEFAULT_CONFIDENCE : confidence);
    }

    static PlanBootstrap drawn(Bootstrap bootstrap) {
      return bootstrap == null ? null : bootstrap.bootstrap();
    }

    int kept() {
      return bootstrap.replicates().size();
    }

    Interval interval(Function<PlanBootstrap, Interval> of) {
      return bootstrap.replicates().isEmpty() ? null : of.apply(bootstrap);
    }
  }
}
