package io.nexus.server.ai;

/**
 * What one AI answer cost and where it came from; immutable.
 *
 * @param model the provider's model name the question was asked of
 * @param inputTokens input tokens the provider counted
 * @param outputTokens output tokens the provider counted
 * @param latencyMs how long the provider took, in milliseconds (of the original call when cached)
 * @param cached whether the answer came from the stored answers instead of a new call
 */
public record AiUsage(String model, long inputTokens, long outputTokens, long latencyMs, boolean cached) {}
