package io.nexus.server.ai.internal;

import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Spends one provider call of a request's budget and of the tenant's daily budget (the answers stored since midnight
 * UTC), or refuses with 429 naming the budget; every kind of question counts against the same budgets.
 */
final class CallBudgets {
  private CallBudgets() {}

  static void spend(AiCallBudget budget, AnswerStore answers, AiSettings settings) {
    if (!budget.tryTake()) {
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "AI budget exhausted", "this request reached the AI "
          + "budget nexus.ai.max-calls-per-request (" + budget.limit() + " provider calls); ask for fewer "
          + "journeys per request", List.of());
    }
    Instant midnight = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    if (answers.countSince(midnight) >= settings.maxCallsPerDay()) {
      long wait = Duration.between(Instant.now(), midnight.plus(Duration.ofDays(1))).toSeconds();
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "AI budget exhausted", "the tenant reached the AI budget "
          + "nexus.ai.max-calls-per-day (" + settings.maxCallsPerDay() + " provider calls per UTC day)", List.of())
          .retryAfter((int) Math.max(1, wait));
    }
  }
}
