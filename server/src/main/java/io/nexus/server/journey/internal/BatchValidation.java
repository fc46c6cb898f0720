package io.nexus.server.journey.internal;

import io.nexus.server.web.ApiException;
import io.nexus.server.web.FieldProblem;
import io.nexus.server.web.JsonNames;
import io.nexus.server.web.TenantLimits;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Checks each record of a batch with its own constraints and names bad fields by their index in the batch. */
@Component
class BatchValidation {
  private final Validator validator;
  private final TenantLimits limits;

  BatchValidation(Validator validator, TenantLimits limits) {
    this.validator = validator;
    this.limits = limits;
  }

  /**
   * Refuses a batch over the tenant's batch size; then refuses the batch naming {@code list[i].field} for every bad field (up to fifty): 400, or 422 when every bad
   * value is well-formed but cannot be stored.
   */
  <T> void check(String list, List<T> records) {
    limits.checkBatch(list, records.size());
    List<FieldProblem> malformed = new ArrayList<>();
    List<FieldProblem> unstorable = new ArrayList<>();
    for (int i = 0; i < records.size() && malformed.size() + unstorable.size() < IngestProblems.MAX_REPORTED; i++) {
      T record = records.get(i);
      if (record == null) {
        malformed.add(new FieldProblem(list + "[" + i + "]", "must not be null"));
        continue;
      }
      Set<ConstraintViolation<T>> violations = validator.validate(record);
      for (ConstraintViolation<T> v : violations) {
        String field = list + "[" + i + "]." + JsonNames.snake(v.getPropertyPath().toString());
        FieldProblem problem = new FieldProblem(field, v.getMessage());
        (ApiException.isUnstorable(v) ? unstorable : malformed).add(problem);
      }
    }
    if (!malformed.isEmpty() || !unstorable.isEmpty()) {
      malformed.sort(Comparator.comparing(FieldProblem::field));
      unstorable.sort(Comparator.comparing(FieldProblem::field));
      throw ApiException.invalid(malformed, unstorable);
    }
  }
}
