package io.nexus.server.insight.internal;

import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.ai.AiInsight;
import io.nexus.server.ai.AiInsights;
import io.nexus.server.ai.AiReport;
import io.nexus.server.ai.AiReportQuestion;
import io.nexus.server.analytics.CostRule;
import io.nexus.server.attribution.AttributionReports;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.model.ModelCatalog;
import io.nexus.server.model.ModelDefinition;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.Dates;
import io.nexus.server.web.FieldProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Answers {@code POST /ai/insights}: checks the request, selects the journeys, computes the facts and has them
 * written up, by Claude when a key is set (or asked for) and by the rules otherwise.
 */
@Service
class InsightService {
  /** At most this many unknown ids are named in one problem. */
  private static final int SHOWN_PROBLEMS = 20;
  /** The models compared unless the request names others: the rule models, Markov and Shapley. */
  static final Set<String> DEFAULT_TYPES = Set.of("first_touch", "last_touch", "linear", "time_decay",
      "position_based", "markov", "shapley");

  private final JourneyData journeys;
  private final ModelCatalog models;
  private final ChannelCatalog channels;
  private final AttributionReports attribution;
  private final AiInsights ai;
  private final InsightSettings settings;
  private final CostRule costs;

  InsightService(JourneyData journeys, ModelCatalog models, ChannelCatalog channels, AttributionReports attribution,
      AiInsights ai, InsightSettings settings, CostRule costs) {
    this.costs = costs;
    this.journeys = journeys;
    this.models = models;
    this.channels = channels;
    this.attribution = attribution;
    this.ai = ai;
    this.settings = settings;
  }

  InsightReport answer(InsightRequest request) {
    AnalysisType type = analysisType(request.analysisType());
    boolean useAi = useAi(request.writer());
    List<ModelDefinition> compared = models(request.attributionModelIds());
    JourneySelection selection = select(request, type);
    Map<Long, Channel> catalogue = new HashMap<>();
    channels.all().forEach(c -> catalogue.put(c.id(), c));
    // One request, one budget of provider calls: the AI model's journeys and the writer's call share it.
    AiCallBudget budget = ai.newRequestBudget();
    FactSheet sheet = new FactBuilder(selection, compared, catalogue, type, budget).build();
    if (sheet.number("totals.converting_journeys").signum() == 0) {
      // Nothing converted: there is nothing to write about, and nothing worth a provider call.
      throw request.journeyIds() == null
          ? ApiException.unprocessable("start_date", "no converting journey started between "
              + request.startDate() + " and " + request.endDate() + "; choose another range")
          : ApiException.unprocessable("journey_ids", "none of the journeys has a conversion to analyse");
    }
    List<Fact> facts = sheet.facts();
    List<InsightReport.ModelUsed> used = sheet.models().stream()
        .map(m -> new InsightReport.ModelUsed(m.id(), m.name(), m.slug(), m.fallback(), m.ai())).toList();
    if (useAi) {
      AiReport report = ai.report(new AiReportQuestion(settings.model(), type.label(),
          facts.stream().map(Fact::asData).toList()), budget);
      return new InsightReport(report.insights(), report.summary(), facts, report.usage().model(), type.label(),
          Instant.now(), used, report.usage());
    }
    RuleWriter.Written written = RuleWriter.write(sheet);
    checkCitations(written.insights(), sheet);
    return new InsightReport(written.insights(), written.summary(), facts, "rules", type.label(), Instant.now(), used,
        null);
  }

  private static AnalysisType analysisType(String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("analysis_type", "required: performance, optimization or trends");
    }
    return AnalysisType.parse(value).orElseThrow(() -> ApiException.badRequest("analysis_type",
        "must be performance, optimization or trends"));
  }

  private boolean useAi(String writer) {
    if (writer == null || writer.equals("auto")) {
      return ai.configured();
    }
    return switch (writer) {
      case "ai" -> {
        if (!ai.configured()) {
          // Refused before the facts are computed: without a provider they would be computed for nothing.
          throw ApiException.unavailable("AI provider not configured: set the environment variable "
              + "ANTHROPIC_API_KEY and restart the service, or ask for \"writer\": \"rules\"");
        }
        yield true;
      }
      case "rules" -> false;
      default -> throw ApiException.badRequest("writer", "must be auto, ai or rules");
    };
  }

  /** The named models (the rule models, Markov and Shapley when none), refusing unknown and inactive ones. */
  private List<ModelDefinition> models(List<Long> ids) {
    if (ids == null) {
      // The first active model of each default type: the seeded models 1-5, 7 and 8 unless they were deactivated.
      Map<String, ModelDefinition> byType = new LinkedHashMap<>();
      models.all().stream().filter(ModelDefinition::isActive).filter(m -> DEFAULT_TYPES.contains(m.modelType()))
          .sorted(Comparator.comparingLong(ModelDefinition::id)).forEach(m -> byType.putIfAbsent(m.modelType(), m));
      List<ModelDefinition> defaults = byType.values().stream()
          .sorted(Comparator.comparingLong(ModelDefinition::id)).toList();
      if (defaults.isEmpty()) {
        throw ApiException.unprocessable("attribution_model_ids", "no active rule, Markov or Shapley model to compare; name the models to compare");
      }
      return defaults;
    }
    if (ids.isEmpty()) {
      throw ApiException.badRequest("attribution_model_ids", "must name at least one model, or leave it out");
    }
    if (ids.size() > InsightRequest.MAX_MODEL_IDS) {
      throw ApiException.unprocessable("attribution_model_ids", "at most " + InsightRequest.MAX_MODEL_IDS
          + " models per request, got " + ids.size());
    }
    List<FieldProblem> problems = new ArrayList<>();
    List<ModelDefinition> selected = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Long id = ids.get(i);
      String field = "attribution_model_ids[" + i + "]";
      Optional<ModelDefinition> model = id == null ? Optional.empty() : models.find(id);
      if (id == null) {
        problems.add(new FieldProblem(field, "must be a model id, not null"));
      } else if (model.isEmpty()) {
        problems.add(new FieldProblem(field, "model " + id + " does not exist"));
      } else if (!model.get().isActive()) {
        problems.add(new FieldProblem(field, "model " + id + " is inactive; activate it first"));
      } else if (selected.stream().noneMatch(m -> m.id() == id)) {
        selected.add(model.get());
      }
    }
    if (!problems.isEmpty()) {
      throw ApiException.unprocessable(problems.size() + " attribution_model_ids cannot be compared",
          problems.subList(0, Math.min(SHOWN_PROBLEMS, problems.size())));
    }
    return selected;
  }

  private JourneySelection select(InsightRequest request, AnalysisType type) {
    boolean byDate = request.startDate() != null || request.endDate() != null;
    if (request.journeyIds() != null && byDate) {
      throw ApiException.badRequest("journey_ids", "give journey_ids or start_date and end_date, not both");
    }
    if (request.journeyIds() == null) {
      return byRange(request, type);
    }
    List<Long> ids = request.journeyIds();
    if (ids.isEmpty()) {
      throw ApiException.badRequest("journey_ids", "must hold at least one id, or leave it out and give a date range");
    }
    if (ids.size() > InsightRequest.MAX_JOURNEY_IDS) {
      throw ApiException.unprocessable("journey_ids", "at most " + InsightRequest.MAX_JOURNEY_IDS + " ids per "
          + "request, got " + ids.size() + "; select journeys by start_date and end_date instead");
    }
    List<FieldProblem> problems = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i) == null) {
        problems.add(new FieldProblem("journey_ids[" + i + "]", "must be a journey id, not null"));
      }
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest(problems.subList(0, Math.min(SHOWN_PROBLEMS, problems.size())));
    }
    Set<Long> distinct = new LinkedHashSet<>(ids);
    List<JourneyDetail> found = journeys.load(distinct);
    Set<Long> present = new HashSet<>();
    found.forEach(j -> present.add(j.journey().id()));
    for (int i = 0; i < ids.size(); i++) {
      if (!present.contains(ids.get(i))) {
        problems.add(new FieldProblem("journey_ids[" + i + "]", "journey " + ids.get(i) + " does not exist"));
      }
    }
    if (!problems.isEmpty()) {
      throw ApiException.unprocessable(problems.size() + " journey_ids do not exist",
          problems.subList(0, Math.min(SHOWN_PROBLEMS, problems.size())));
    }
    return new JourneySelection.ById(found, attribution);
  }

  private JourneySelection byRange(InsightRequest request, AnalysisType type) {
    if (request.startDate() == null && request.endDate() == null) {
      throw ApiException.badRequest("journey_ids", "give journey_ids, or start_date and end_date to select journeys");
    }
    Dates.Range range = Dates.range(request.startDate(), request.endDate());
    if (range.from() == null) {
      throw ApiException.badRequest("start_date", "required with end_date");
    }
    if (range.to() == null) {
      throw ApiException.badRequest("end_date", "required with start_date");
    }
    if (type == AnalysisType.TRENDS && Duration.between(range.from(), range.to())
        .compareTo(JourneySelection.WEEK.multipliedBy(2)) < 0) {
      throw ApiException.unprocessable("start_date", "trends compares the last week of the range with the week "
          + "before; give a range of at least 14 days");
    }
    return new JourneySelection.ByRange(range.from(), range.to(), journeys, attribution, costs);
  }

  /** The rules cite only facts they computed; anything else is a bug, not the client's problem. */
  private static void checkCitations(List<AiInsight> insights, FactSheet sheet) {
    for (AiInsight insight : insights) {
      if (insight.evidence().isEmpty() || !insight.evidence().stream().allMatch(sheet::has)) {
        throw new IllegalStateException("rule insight \"" + insight.title() + "\" cites " + insight.evidence());
      }
    }
  }
}
