package io.nexus.server.ai.internal;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceTool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One kind of question put to Claude: the system prompt (the only instructions of the request) and the one tool the
 * answer is forced through, at temperature 0, its properties all required; the data always goes in the user message.
 *
 * @param name the tool's name
 * @param description what the tool records
 * @param version changes with the prompt, so that stored answers to an older prompt are not reused
 * @param system the system prompt
 * @param properties the tool's input properties and their JSON schemas, in order
 * @param purpose what the question is for, in log lines
 */
record ForcedTool(String name, String description, String version, String system,
    Map<String, Map<String, Object>> properties, String purpose) {

  ForcedTool {
    properties = new LinkedHashMap<>(properties);
  }

  static ForcedTool of(String name, String description, String version, String system, String purpose,
      String firstProperty, Map<String, Object> firstSchema, String secondProperty, Map<String, Object> secondSchema) {
    Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
    properties.put(firstProperty, firstSchema);
    properties.put(secondProperty, secondSchema);
    return new ForcedTool(name, description, version, system, properties, purpose);
  }

  /** The Messages API request asking {@code model} about {@code userMessage}, answered only through this tool. */
  MessageCreateParams request(String model, long maxTokens, String userMessage) {
    Tool.InputSchema.Properties.Builder schema = Tool.InputSchema.Properties.builder();
    properties.forEach((property, propertySchema) -> schema.putAdditionalProperty(property,
        JsonValue.from(propertySchema)));
    Tool tool = Tool.builder()
        .name(name)
        .description(description)
        .inputSchema(Tool.InputSchema.builder().properties(schema.build())
            .required(List.copyOf(properties.keySet())).build())
        .build();
    return MessageCreateParams.builder()
        .model(model)
        .maxTokens(maxTokens)
        .system(system)
        .addTool(tool)
        .toolChoice(ToolChoiceTool.builder().name(name).build())
        // The SDK has no typed temperature field in this version; the Messages API takes it in the body.
        .putAdditionalBodyProperty("temperature", JsonValue.from(0))
        .addUserMessage(userMessage)
        .build();
  }

  /**
   * What a stored answer is keyed by: the prompt version, the provider model, the token cap, the system prompt, the
   * tool's schemas and then {@code data} (the question's own data, as sent), one per line.
   */
  String questionKey(String model, long maxTokens, List<String> data) {
    List<String> parts = new ArrayList<>(List.of(version, model, Long.toString(maxTokens), system));
    properties.values().forEach(schema -> parts.add(ClaudeCalls.json(schema)));
    parts.addAll(data);
    return String.join("\n", parts);
  }
}
