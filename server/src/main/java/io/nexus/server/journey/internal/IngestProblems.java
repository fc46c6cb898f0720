package io.nexus.server.journey.internal;

import io.nexus.server.web.ApiException;
import io.nexus.server.web.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Refusals of ingest requests that name each record at fault: {@code touchpoints[3].channel_id} in a batch,
 * {@code channel_id} for a single record. A refused request writes nothing.
 */
final class IngestProblems {
  /** The most records one refusal names. */
  static final int MAX_REPORTED = 50;

  private IngestProblems() {}

  /** The field {@code name} of record {@code index} of {@code list}, as the client sent it. */
  static String field(boolean batch, String list, int index, String name) {
    return batch ? list + "[" + index + "]." + name : name;
  }

  /** Refuses the request, naming each record whose journey does not exist; the transaction then writes nothing. */
  static <R> void refuseMissingJourneys(List<R> requests, Function<R, Long> journeyOf, Predicate<Long> exists,
      boolean batch, String list) {
    List<FieldProblem> problems = new ArrayList<>();
    for (int i = 0; i < requests.size() && problems.size() < MAX_REPORTED; i++) {
      Long id = journeyOf.apply(requests.get(i));
      if (!exists.test(id)) {
        problems.add(new FieldProblem(field(batch, list, i, "journey_id"), "journey " + id + " does not exist"));
      }
    }
    refuseIf(problems);
  }

  /** Refuses the request with 422 when there are problems. */
  static void refuseIf(List<FieldProblem> problems) {
    if (!problems.isEmpty()) {
      throw ApiException.unprocessable(problems.size() == 1 ? problems.get(0).field() + ": "
          + problems.get(0).reason() : problems.size() + " records refer to missing or inactive resources; nothing "
          + "was stored", problems);
    }
  }
}
