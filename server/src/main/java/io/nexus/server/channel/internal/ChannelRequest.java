package io.nexus.server.channel.internal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;

/** The body of a channel create or update; on update, fields left out keep their value. */
record ChannelRequest(
    @Size(min = 1, max = 200, message = "must be 1 to 200 characters") String name,
    @Pattern(regexp = "[a-z][a-z0-9_]{0,49}", message = "must be lower case letters, digits and _ (such as paid_search)")
    String channelType,
    @Size(max = 2000, message = "must be at most 2000 characters") String description,
    @DecimalMin(value = "0", message = "must not be negative") BigDecimal costPerClick,
    @DecimalMin(value = "0", message = "must not be negative") BigDecimal costPerImpression,
    @DecimalMin(value = "0", message = "must not be negative") BigDecimal monthlyBudget,
    Boolean isActive,
    Map<String, Object> metadata) {}
