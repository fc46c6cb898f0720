package io.nexus.server.channel.internal;

import io.nexus.server.web.JsonLength;
import io.nexus.server.web.Numeric;
import io.nexus.server.web.StorableText;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;

/** The body of a channel create or update; on update, fields left out keep their value. */
record ChannelRequest(
    @Size(min = 1, max = 200, message = "must be 1 to 200 characters") @StorableText String name,
    @Pattern(regexp = "[a-z][a-z0-9_]{0,49}", message = "must be lower case letters, digits and _ (such as paid_search)")
    String channelType,
    @Size(max = 2000, message = "must be at most 2000 characters") @StorableText String description,
    @DecimalMin(value = "0", message = "must not be negative") @Numeric(precision = 14, scale = 4)
    BigDecimal costPerClick,
    @DecimalMin(value = "0", message = "must not be negative") @Numeric(precision = 14, scale = 6)
    BigDecimal costPerImpression,
    @DecimalMin(value = "0", message = "must not be negative") @Numeric(precision = 16, scale = 2)
    BigDecimal monthlyBudget,
    Boolean isActive,
    @StorableText @JsonLength(max = 8000) Map<String, Object> metadata) {}
