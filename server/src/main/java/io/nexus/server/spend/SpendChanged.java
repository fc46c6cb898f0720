package io.nexus.server.spend;

import org.springframework.modulith.NamedInterface;

/**
 * Published inside the transaction that stored or replaced spend rows; listeners act after the commit. Immutable.
 *
 * @param platform the platform whose spend changed
 */
@NamedInterface("events")
public record SpendChanged(String platform) {}
