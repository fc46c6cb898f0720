package io.nexus.server.ai.internal;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.nexus.server.ai.AiCallBudget;
import io.nexus.server.ai.AiUsage;
import io.nexus.server.persistence.TenantContext;
import io.nexus.server.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The one way the service asks Claude: a forced-tool question is answered from the stored answers when asked before
 * (by a hash of everything that shapes the answer), otherwise with one call of the request's and the tenant's daily
 * budget on the one client, its failures mapped to the problems the API answers, its tool input validated before it
 * is stored; calls, errors, tokens, latency and cache hits are measured by model and tenant.
 */
@Component
class ClaudeCalls {
  private static final Logger log = LoggerFactory.getLogger(ClaudeCalls.class);
  /** Sorted keys: the same data always make the same JSON, hence the same hash. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private final AiSettings settings;
  private final AnswerStore answers;
  private final MeterRegistry meters;
  private final AnthropicClient client;

  ClaudeCalls(AiSettings settings, AnswerStore answers, MeterRegistry meters, ObjectProvider<AnthropicClient> client) {
    this.settings = settings;
    this.answers = answers;
    this.meters = meters;
    this.client = client.getIfAvailable();
  }

  /**
   * One question: the tool it is forced through, the provider model, the user message (the data inside it) and the
   * data it is keyed by besides the prompt and the tool.
   */
  record Question(ForcedTool tool, String model, String userMessage, List<String> keyData) {}

  boolean configured() {
    return client != null;
  }

  /** Refuses with 503 naming the variable to set when no key is, adding what else the caller may do. */
  void requireConfigured(String otherwise) {
    if (client == null) {
      throw ApiException.unavailable("AI provider not configured: set the environment variable ANTHROPIC_API_KEY "
          + "(and ANTHROPIC_BASE_URL for a proxy) and restart the service" + otherwise);
    }
  }

  AiCallBudget newRequestBudget() {
    return AiCallBudget.of(settings.maxCallsPerRequest());
  }

  /**
   * The answer to {@code question}, read by {@code read} from the validated tool input as stored: the stored one
   * when the same question was asked before, otherwise one provider call whose tool input {@code validate} turns into
   * what is stored (refusing it with a 502 problem), spending one call of {@code budget} and of the daily budget.
   * The caller checks {@link #requireConfigured} first.
   */
  <T> T answer(Question question, AiCallBudget budget, Function<JsonNode, Map<String, Object>> validate,
      BiFunction<JsonNode, AiUsage, T> read) {
    String hash = sha256(question.tool().questionKey(question.model(), settings.maxTokens(), question.keyData()));
    String tenant = TenantContext.currentValue();
    Optional<AnswerStore.Stored> stored = answers.find(hash);
    if (stored.isPresent()) {
      meters.counter("nexus.ai.cache.hits", "model", question.model(), "tenant", tenant).increment();
      return read(stored.get(), true, read);
    }
    CallBudgets.spend(budget, answers, settings);
    AnswerStore.Stored answer = ask(question, validate, tenant);
    answers.save(hash, answer);
    return read(answer, false, read);
  }

  private AnswerStore.Stored ask(Question question, Function<JsonNode, Map<String, Object>> validate,
      String tenant) {
    String model = question.model();
    ForcedTool tool = question.tool();
    long started = System.nanoTime();
    Message message;
    try {
      message = client.messages().create(tool.request(model, settings.maxTokens(), question.userMessage()));
    } catch (RuntimeException e) {
      meters.counter("nexus.ai.errors", "model", model, "tenant", tenant, "type", ProviderFailures.kind(e))
          .increment();
      ApiException answer = ProviderFailures.answer(e);
      log.warn("AI provider call for {} with model {} failed: {}", tool.purpose(), model, answer.getMessage());
      throw answer;
    }
    long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    long in = message.usage().inputTokens();
    long out = message.usage().outputTokens();
    meters.counter("nexus.ai.calls", "model", model, "tenant", tenant).increment();
    meters.timer("nexus.ai.latency", "model", model, "tenant", tenant).record(latencyMs, TimeUnit.MILLISECONDS);
    meters.counter("nexus.ai.tokens", "model", model, "tenant", tenant, "direction", "input").increment(in);
    meters.counter("nexus.ai.tokens", "model", model, "tenant", tenant, "direction", "output").increment(out);
    try {
      return new AnswerStore.Stored(model, json(validate.apply(toolInput(message, tool.name()))), in, out,
          latencyMs);
    } catch (ApiException refused) {
      meters.counter("nexus.ai.errors", "model", model, "tenant", tenant, "type", "invalid_answer").increment();
      log.warn("AI provider answer for {} from model {} refused: {}", tool.purpose(), model, refused.getMessage());
      throw refused;
    }
  }

  private static JsonNode toolInput(Message message, String tool) {
    for (ContentBlock block : message.content()) {
      if (block.isToolUse() && block.asToolUse().name().equals(tool)) {
        return block.asToolUse()._input().convert(JsonNode.class);
      }
    }
    throw ToolAnswers.wrong("no " + tool + " tool call in the answer (stop_reason "
        + message.stopReason().map(Object::toString).orElse("none") + ")");
  }

  private static <T> T read(AnswerStore.Stored stored, boolean cached, BiFunction<JsonNode, AiUsage, T> read) {
    try {
      return read.apply(JSON.readTree(stored.answer()), new AiUsage(stored.model(), stored.inputTokens(),
          stored.outputTokens(), stored.latencyMs(), cached));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored AI answer is not JSON", e);
    }
  }

  /** {@code value} as JSON with sorted keys: what is sent as data, and hashed. */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("AI question data is not JSON-ready", e);
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
