package io.nexus.server.analytics.internal;

import io.nexus.server.attribution.TouchFilter;
import io.nexus.server.web.Dates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/attribution/analytics}: budget plans and what-ifs on the channels' response curves. */
@RestController
@RequestMapping(path = "/api/v1/attribution/analytics", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Analytics")
class BudgetController {
  private final BudgetPlanner planner;

  BudgetController(BudgetPlanner planner) {
    this.planner = planner;
  }

  @PostMapping("/budget-plan")
  @Operation(summary = "The split of a budget over channels that maximises the revenue their response curves "
      + "expect (of the revenue credited to the touches within a lookback and without Direct), within per-channel "
      + "limits, against the current allocation")
  BudgetAnswers.Plan budgetPlan(@Valid @RequestBody BudgetRequests.Plan request) {
    Dates.Range range = Dates.range(request.startDate(), request.endDate());
    return planner.plan(request, range.from(), range.to(),
        TouchFilter.of(request.lookbackDays(), request.excludeDirect()));
  }

  @PostMapping("/what-if")
  @Operation(summary = "The revenue the channels' response curves expect from a given allocation")
  BudgetAnswers.WhatIf whatIf(@Valid @RequestBody BudgetRequests.WhatIf request) {
    Dates.Range range = Dates.range(request.startDate(), request.endDate());
    return planner.whatIf(request, range.from(), range.to(),
        TouchFilter.of(request.lookbackDays(), request.excludeDirect()));
  }
}
