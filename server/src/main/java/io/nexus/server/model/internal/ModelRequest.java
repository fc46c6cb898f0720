package io.nexus.server.model.internal;

import io.nexus.server.web.JsonLength;
import io.nexus.server.web.Numeric;
import io.nexus.server.web.StorableText;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;

/** The body of a model create or update; on update, fields left out keep their value. */
record ModelRequest(
    @Size(min = 1, max = 200, message = "must be 1 to 200 characters") @StorableText String name,
    @Pattern(regexp = "[a-z_]{1,50}", message = "must be a model type such as linear or markov") String modelType,
    @Size(max = 2000, message = "must be at most 2000 characters") @StorableText String description,
    @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0") @Numeric(precision = 10, scale = 4)
    BigDecimal timeDecayHalflifeDays,
    @StorableText @JsonLength(max = 1000) Map<String, Object> positionWeights,
    @StorableText @JsonLength(max = 8000) Map<String, Object> customRules,
    @Size(max = 200, message = "must be at most 200 characters") @StorableText String mlModelType,
    @StorableText @JsonLength(max = 8000) Map<String, Object> mlParameters,
    @Min(value = 1, message = "must be at least 1") @Max(value = 3650, message = "must be at most 3650")
    Integer trainingDataWindowDays,
    Boolean isActive) {}
