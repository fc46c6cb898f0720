package io.nexus.server.attribution.internal;

import io.nexus.engine.Conversion;
import io.nexus.engine.InvalidModelException;
import io.nexus.engine.ModelSpec;
import io.nexus.engine.Models;
import io.nexus.server.attribution.internal.ResultImportRequest.Credit;
import io.nexus.server.attribution.internal.ResultImportRequest.Journey;
import io.nexus.server.attribution.internal.ResultImportRequest.Purchase;
import io.nexus.server.attribution.internal.ResultImportRequest.Touch;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.FieldProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an import batch must be beyond the shape its request checks: model specs the engine runs, journey keys given
 * once, and results that belong to their journey and add up as the engine's do. Stateless.
 */
final class ImportCheck {
  private static final int MAX_REPORTED = 50;
  private static final double SUMS = 1e-9;

  private ImportCheck() {}

  /**
   * A batch that passed: its channel names, its model specs by the text that wrote them, and where each text first
   * appeared (for messages).
   */
  record CheckedBatch(Set<String> channelNames, Map<String, ModelSpec> specs, Map<String, String> fields,
      Set<String> nonAdditive) {

    boolean additive(String model) {
      return !nonAdditive.contains(model);
    }

    /** The field that first named the model written as {@code model}, or {@code models}. */
    String fieldOf(String model) {
      return fields.getOrDefault(model, "models");
    }
  }

  /** The conversions of a journey that a touch at or before them makes creditable, and the others. */
  record Credited(BigDecimal value, int conversions, List<Conversion> uncredited) {}

  /**
   * Checks the batch.
   *
   * @throws ApiException 422 naming every field at fault (the first fifty)
   */
  static CheckedBatch check(ResultImportRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    Map<String, ModelSpec> specs = new LinkedHashMap<>();
    Map<String, String> fields = new HashMap<>();
    Set<String> nonAdditive = new HashSet<>();
    Set<String> channelNames = new LinkedHashSet<>();
    if (request.channels() != null) {
      channelNames.addAll(request.channels());
    }
    if (request.models() != null) {
      for (int m = 0; m < request.models().size(); m++) {
        spec(request.models().get(m), "models[" + m + "]", specs, fields, nonAdditive, problems);
      }
    }
    Map<String, Integer> keys = new HashMap<>();
    for (int i = 0; i < request.journeys().size() && problems.size() < MAX_REPORTED; i++) {
      Journey journey = request.journeys().get(i);
      String at = "journeys[" + i + "]";
      Integer first = keys.putIfAbsent(journey.key(), i);
      if (first != null) {
        problems.add(new FieldProblem(at + ".key", "given twice in this batch, first in journeys[" + first + "]"));
      }
      if (journey.touchpoints().isEmpty() && journey.conversions().isEmpty()) {
        problems.add(new FieldProblem(at + ".touchpoints", "a journey needs a touchpoint or a conversion"));
        continue;
      }
      Set<String> touched = new LinkedHashSet<>();
      journey.touchpoints().forEach(t -> touched.add(t.channel()));
      channelNames.addAll(touched);
      if (journey.results() != null && !journey.results().isEmpty()) {
        results(journey, at, touched, specs, fields, nonAdditive, problems);
      }
    }
    if (!problems.isEmpty()) {
      throw ApiException.unprocessable(problems.size() + " problems with the import batch, nothing was stored",
          problems.subList(0, Math.min(MAX_REPORTED, problems.size())));
    }
    return new CheckedBatch(channelNames, specs, fields, nonAdditive);
  }

  private static void results(Journey journey, String at, Set<String> touched, Map<String, ModelSpec> specs,
      Map<String, String> fields, Set<String> nonAdditive, List<FieldProblem> problems) {
    Credited credited = credited(journey);
    if (credited.conversions() == 0) {
      problems.add(new FieldProblem(at + ".results", "the journey has no conversion with a touchpoint at or before "
          + "it, so nothing to credit"));
      return;
    }
    Map<String, Sums> byModel = new LinkedHashMap<>();
    Set<String> pairs = new HashSet<>();
    for (int k = 0; k < journey.results().size(); k++) {
      Credit credit = journey.results().get(k);
      String field = at + ".results[" + k + "]";
      if (!spec(credit.model(), field + ".model", specs, fields, nonAdditive, problems)) {
        continue;
      }
      if (!touched.contains(credit.channel())) {
        problems.add(new FieldProblem(field + ".channel", credit.channel() + " is not a channel of the journey's "
            + "touchpoints"));
      }
      if (!pairs.add(credit.model() + '\u0000' + credit.channel())) {
        problems.add(new FieldProblem(field, "a second credit of model " + credit.model() + " to channel "
            + credit.channel()));
      }
      Sums sums = byModel.computeIfAbsent(credit.model(), m -> new Sums());
      sums.credit += credit.credit();
      sums.conversions += credit.attributedConversions();
      sums.value = sums.value.add(credit.attributedRevenue());
      if (!nonAdditive.contains(credit.model()) || credit.attributedRevenue().compareTo(credited.value()) <= 0) {
        continue;
      }
      problems.add(new FieldProblem(field + ".attributed_revenue", "more than the credited conversion value "
          + credited.value().toPlainString()));
    }
    byModel.forEach((model, sums) -> {
      if (nonAdditive.contains(model)) {
        return;
      }
      String field = at + ".results";
      if (sums.value.compareTo(credited.value()) != 0) {
        problems.add(new FieldProblem(field, "the attributed_revenue of " + model + " adds up to "
            + sums.value.toPlainString() + ", not to the credited conversion value " + credited.value().toPlainString()));
      }
      if (Math.abs(sums.credit - 1) > SUMS) {
        problems.add(new FieldProblem(field, "the credits of " + model + " add up to " + sums.credit + ", not to 1"));
      }
      if (Math.abs(sums.conversions - credited.conversions()) > SUMS * credited.conversions()) {
        problems.add(new FieldProblem(field, "the attributed_conversions of " + model + " add up to "
            + sums.conversions + ", not to the " + credited.conversions() + " credited conversions"));
      }
    });
  }

  /** Running sums of one model's credits on one journey. */
  private static final class Sums {
    double credit;
    double conversions;
    BigDecimal value = BigDecimal.ZERO;
  }

  /** Parses a model text once per batch; false (with a problem) when the engine runs no such model. */
  private static boolean spec(String text, String field, Map<String, ModelSpec> specs, Map<String, String> fields,
      Set<String> nonAdditive, List<FieldProblem> problems) {
    if (specs.containsKey(text)) {
      return true;
    }
    if (fields.containsKey(text)) {
      return false;
    }
    fields.put(text, field);
    try {
      ModelSpec spec = ModelSpec.parse(text);
      ModelSpec resolved = Models.withDefaults(spec);
      specs.put(text, spec);
      if (!Models.type(resolved.type()).additive()) {
        nonAdditive.add(text);
      }
      return true;
    } catch (InvalidModelException e) {
      problems.add(new FieldProblem(field, e.getMessage()));
      return false;
    }
  }

  /** The conversions a touch at or before them makes creditable, as the engine credits them. */
  static Credited credited(Journey journey) {
    Instant firstTouch = null;
    for (Touch t : journey.touchpoints()) {
      firstTouch = firstTouch == null || t.timestamp().isBefore(firstTouch) ? t.timestamp() : firstTouch;
    }
    BigDecimal value = BigDecimal.ZERO;
    int conversions = 0;
    List<Conversion> uncredited = new ArrayList<>();
    for (Purchase c : journey.conversions()) {
      if (firstTouch != null && !firstTouch.isAfter(c.timestamp())) {
        value = value.add(c.revenue());
        conversions++;
      } else {
        uncredited.add(new Conversion(c.timestamp(), c.conversionType(), c.revenue()));
      }
    }
    return new Credited(value, conversions, uncredited);
  }

  /** The time of the journey's first touchpoint or conversion. */
  static Instant firstEvent(Journey journey) {
    Instant first = null;
    for (Touch t : journey.touchpoints()) {
      first = first == null || t.timestamp().isBefore(first) ? t.timestamp() : first;
    }
    for (Purchase c : journey.conversions()) {
      first = first == null || c.timestamp().isBefore(first) ? c.timestamp() : first;
    }
    return first;
  }
}
