package io.nexus.server.attribution;

/**
 * Why an answer carries another model's credits than the data-driven model asked for.
 *
 * @param modelId the model whose credits the answer carries (the data-driven model's {@code fallback_model_id})
 * @param reason why the data-driven model did not answer
 */
public record AiFallback(long modelId, String reason) {}
