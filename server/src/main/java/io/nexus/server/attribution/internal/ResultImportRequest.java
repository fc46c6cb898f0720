package io.nexus.server.attribution.internal;

import io.nexus.server.web.Numeric;
import io.nexus.server.web.StorableText;
import io.nexus.server.web.StorableTime;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /imports/results}: journeys with their touchpoints, conversions and the channel credits models gave them
 * elsewhere (the Spark job), stored all or nothing and once per journey key of a source.
 *
 * @param source the namespace of the journeys' keys, one per import run ({@code nexus-spark:RUN}): a journey whose key
 *     this source already imported is not stored again
 * @param channels channel names to find or add even if no journey of this batch names them, or {@code null}
 * @param models model specs ({@code linear}, {@code markov(order=3)}) to find or add even if no result names them,
 *     or {@code null}; a batch without journeys that lists channels and models prepares an import
 * @param journeys the journeys, at most 10,000; may be empty
 */
record ResultImportRequest(
    @NotBlank(message = "required") @Size(max = 200, message = "must be at most 200 characters") @StorableText
    String source,
    @Size(max = ResultImportRequest.MAX_NAMES, message = "must hold at most " + ResultImportRequest.MAX_NAMES + " names")
    List<@NotBlank(message = "required") @Size(max = 200, message = "must be at most 200 characters") @StorableText
        String> channels,
    @Size(max = ResultImportRequest.MAX_MODELS, message = "must hold at most " + ResultImportRequest.MAX_MODELS
        + " models")
    List<@NotBlank(message = "required") @Size(max = 150, message = "must be at most 150 characters") @StorableText
        String> models,
    @NotNull(message = "required")
    @Size(max = ResultImportRequest.MAX_JOURNEYS, message = "must hold at most " + ResultImportRequest.MAX_JOURNEYS
        + " journeys")
    List<@NotNull(message = "must not be null") @Valid Journey> journeys) {

  static final int MAX_JOURNEYS = 10_000;
  static final int MAX_NAMES = 10_000;
  static final int MAX_MODELS = 100;

  /**
   * A journey as built where it was attributed.
   *
   * @param key the journey's identity within the source, such as the engine's {@code user#3}
   * @param userId the user
   * @param sessionId the session, or {@code null}
   * @param touchpoints its touchpoints, positioned by time
   * @param conversions its conversions
   * @param results the credits models gave its channels, or {@code null}; they need a conversion with a touchpoint at
   *     or before it
   */
  record Journey(
      @NotBlank(message = "required") @Size(max = 200, message = "must be at most 200 characters") @StorableText
      String key,
      @NotBlank(message = "required") @Size(max = 200, message = "must be at most 200 characters") @StorableText
      String userId,
      @Size(max = 200, message = "must be at most 200 characters") @StorableText String sessionId,
      @NotNull(message = "required") List<@NotNull(message = "must not be null") @Valid Touch> touchpoints,
      @NotNull(message = "required") List<@NotNull(message = "must not be null") @Valid Purchase> conversions,
      List<@NotNull(message = "must not be null") @Valid Credit> results) {}

  /** A touchpoint on a channel named by its name. */
  record Touch(
      @NotBlank(message = "required") @Size(max = 200, message = "must be at most 200 characters") @StorableText
      String channel,
      @Pattern(regexp = "[a-z][a-z0-9_]{0,49}", message = "must be a lower-case type such as click, impression, visit")
      String touchpointType,
      @NotNull(message = "required") @StorableTime Instant timestamp,
      @DecimalMin(value = "0", message = "must not be negative") @Numeric(precision = 14, scale = 4) BigDecimal cost,
      @DecimalMin(value = "0", message = "must be between 0 and 1")
      @DecimalMax(value = "1", message = "must be between 0 and 1")
      @Numeric(precision = 6, scale = 5) BigDecimal engagementScore,
      @Min(value = 0, message = "must not be negative") Integer timeSpentSeconds,
      @Min(value = 0, message = "must not be negative") Integer pagesViewed,
      @Size(max = 500, message = "must be at most 500 characters") @StorableText String campaignName,
      @Size(max = 50, message = "must be at most 50 characters") @StorableText String deviceType,
      @Size(max = 100, message = "must be at most 100 characters") @StorableText String browser) {}

  /** A conversion. */
  record Purchase(
      @Pattern(regexp = "[a-z][a-z0-9_]{0,49}", message = "must be a lower-case type such as purchase or signup")
      String conversionType,
      @NotNull(message = "required") @StorableTime Instant timestamp,
      @NotNull(message = "required") @DecimalMin(value = "0", message = "must not be negative")
      @Numeric(precision = 16, scale = 4) BigDecimal revenue,
      @Min(value = 1, message = "must be at least 1") Integer quantity,
      @Size(max = 500, message = "must be at most 500 characters") @StorableText String productName,
      @Size(max = 200, message = "must be at most 200 characters") @StorableText String productCategory) {}

  /**
   * One channel's credit under one model, as the engine gave it (its ChannelCredit).
   *
   * @param model the model spec as written, such as {@code markov(order=3)}
   * @param channel the channel's name, one of the journey's touchpoints'
   * @param credit the channel's share of the credited value, 0 to 1
   * @param attributedConversions the conversions credited to it
   * @param attributedRevenue the revenue credited to it, exact; an additive model's add up to the credited value
   */
  record Credit(
      @NotBlank(message = "required") @Size(max = 150, message = "must be at most 150 characters") String model,
      @NotBlank(message = "required") @Size(max = 200, message = "must be at most 200 characters") String channel,
      @NotNull(message = "required") @DecimalMin(value = "0", message = "must be between 0 and 1")
      @DecimalMax(value = "1", message = "must be between 0 and 1") Double credit,
      @NotNull(message = "required") @DecimalMin(value = "0", message = "must not be negative")
      @DecimalMax(value = "999999", message = "must be less than 1000000") Double attributedConversions,
      @NotNull(message = "required") @DecimalMin(value = "0", message = "must not be negative")
      @Numeric(precision = 18, scale = 4) BigDecimal attributedRevenue) {}
}
