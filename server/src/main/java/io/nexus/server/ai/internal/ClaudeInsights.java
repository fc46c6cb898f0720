package io.nexus.server.ai.internal;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.ai.AiInsight;
import io.nexus.server.ai.AiInsights;
import io.nexus.server.ai.AiReport;
import io.nexus.server.ai.AiReportQuestion;
import io.nexus.server.ai.AiUsage;
import io.nexus.server.persistence.TenantContext;
import io.nexus.server.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Writes insights with Claude: looks the facts up in the stored answers first (by a hash of the facts, the analysis
 * type, the model name, the prompt and the tool), otherwise spends one call of the request's and the tenant's daily
 * budget, validates the forced tool's input and stores it.
 */
@Service
class ClaudeInsights implements AiInsights, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(ClaudeInsights.class);
  /** Sorted keys: the same facts always make the same JSON, hence the same hash. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private final AiSettings settings;
  private final AnswerStore answers;
  private final MeterRegistry meters;
  private final AnthropicClient client;

  ClaudeInsights(AiSettings settings, AnswerStore answers, MeterRegistry meters) {
    this.settings = settings;
    this.answers = answers;
    this.meters = meters;
    this.client = settings.apiKey() == null ? null : AnthropicOkHttpClient.builder()
        .apiKey(settings.apiKey())
        .baseUrl(Optional.ofNullable(settings.baseUrl()))
        .timeout(settings.timeout())
        .maxRetries(settings.maxRetries())
        .build();
  }

  @Override
  public boolean configured() {
    return client != null;
  }

  @Override
  public AiCallBudget newRequestBudget() {
    return AiCallBudget.of(settings.maxCallsPerRequest());
  }

  @Override
  public void destroy() {
    if (client != null) {
      client.close();
    }
  }

  @Override
  public AiReport report(AiReportQuestion question, AiCallBudget budget) {
    if (client == null) {
      throw ApiException.unavailable("AI provider not configured: set the environment variable ANTHROPIC_API_KEY "
          + "(and ANTHROPIC_BASE_URL for a proxy) and restart the service, or ask for \"writer\": \"rules\"");
    }
    String factsJson = json(question.facts());
    String hash = sha256(String.join("\n", InsightPrompt.VERSION, question.model(),
        Long.toString(settings.maxTokens()), InsightPrompt.SYSTEM, json(InsightPrompt.INSIGHTS_SCHEMA),
        json(InsightPrompt.SUMMARY_SCHEMA), question.analysisType(), factsJson));
    String tenant = TenantContext.currentValue();
    Optional<AnswerStore.Stored> stored = answers.find(hash);
    if (stored.isPresent()) {
      meters.counter("nexus.ai.cache.hits", "model", question.model(), "tenant", tenant).increment();
      return fromStored(stored.get(), true);
    }
    CallBudgets.spend(budget, answers, settings);
    AnswerStore.Stored answer = ask(question, factsJson, tenant);
    answers.save(hash, answer);
    return fromStored(answer, false);
  }

  private AnswerStore.Stored ask(AiReportQuestion question, String factsJson, String tenant) {
    long started = System.nanoTime();
    Message message;
    try {
      message = client.messages().create(InsightPrompt.request(question.model(), question.analysisType(), factsJson,
          settings.maxTokens()));
    } catch (RuntimeException e) {
      meters.counter("nexus.ai.errors", "model", question.model(), "tenant", tenant, "type",
          ProviderFailures.kind(e)).increment();
      ApiException answer = ProviderFailures.answer(e);
      log.warn("AI provider call for insights with model {} failed: {}", question.model(), answer.getMessage());
      throw answer;
    }
    long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    long in = message.usage().inputTokens();
    long out = message.usage().outputTokens();
    meters.counter("nexus.ai.calls", "model", question.model(), "tenant", tenant).increment();
    meters.timer("nexus.ai.latency", "model", question.model(), "tenant", tenant)
        .record(latencyMs, TimeUnit.MILLISECONDS);
    meters.counter("nexus.ai.tokens", "model", question.model(), "tenant", tenant, "direction", "input").increment(in);
    meters.counter("nexus.ai.tokens", "model", question.model(), "tenant", tenant, "direction", "output")
        .increment(out);
    try {
      JsonNode input = toolInput(message);
      List<AiInsight> insights = InsightAnswers.insights(input, question.factIds());
      Map<String, Object> validated = new LinkedHashMap<>();
      validated.put("insights", insights);
      validated.put("summary", InsightAnswers.summary(input));
      return new AnswerStore.Stored(question.model(), json(validated), in, out, latencyMs);
    } catch (ApiException refused) {
      meters.counter("nexus.ai.errors", "model", question.model(), "tenant", tenant, "type", "invalid_answer")
          .increment();
      log.warn("AI provider insights from model {} refused: {}", question.model(), refused.getMessage());
      throw refused;
    }
  }

  private static JsonNode toolInput(Message message) {
    for (ContentBlock block : message.content()) {
      if (block.isToolUse() && block.asToolUse().name().equals(InsightPrompt.TOOL)) {
        return block.asToolUse()._input().convert(JsonNode.class);
      }
    }
    throw ToolAnswers.wrong("no " + InsightPrompt.TOOL + " tool call in the answer (stop_reason "
        + message.stopReason().map(Object::toString).orElse("none") + ")");
  }

  private static AiReport fromStored(AnswerStore.Stored stored, boolean cached) {
    try {
      JsonNode answer = JSON.readTree(stored.answer());
      List<AiInsight> insights = new ArrayList<>();
      for (JsonNode insight : answer.get("insights")) {
        List<String> evidence = new ArrayList<>();
        insight.get("evidence").forEach(id -> evidence.add(id.asText()));
        insights.add(new AiInsight(insight.get("title").asText(), insight.get("finding").asText(), evidence,
            insight.get("recommendation").asText()));
      }
      return new AiReport(insights, answer.get("summary").asText(), new AiUsage(stored.model(),
          stored.inputTokens(), stored.outputTokens(), stored.latencyMs(), cached));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored AI answer is not JSON", e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("facts are not JSON-ready", e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
