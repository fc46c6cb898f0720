package io.nexus.server.model;

/**
 * Published inside the transaction that created, changed or deactivated an attribution model; immutable.
 *
 * @param modelId the model
 */
public record ModelsChanged(long modelId) {}
