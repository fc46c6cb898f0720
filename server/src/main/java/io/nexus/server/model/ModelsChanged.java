package io.nexus.server.model;

import org.springframework.modulith.NamedInterface;

/**
 * Published inside the transaction that created, changed or deactivated an attribution model; immutable.
 *
 * @param modelId the model
 */
@NamedInterface("events")
public record ModelsChanged(long modelId) {}
