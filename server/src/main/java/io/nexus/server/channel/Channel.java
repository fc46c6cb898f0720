package io.nexus.server.channel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A marketing channel of the catalogue, as stored and as the API shows it; immutable.
 *
 * @param id the channel's id
 * @param name its unique name, such as {@code Paid Search}
 * @param channelType its kind, such as {@code paid_search}
 * @param description free text, or {@code null}
 * @param costPerClick the default cost of a click, or {@code null}
 * @param costPerImpression the default cost of an impression, or {@code null}
 * @param monthlyBudget the monthly budget, or {@code null}
 * @param isActive whether new touchpoints may use it; channels in use are deactivated instead of deleted
 * @param metadata free-form attributes
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Channel(
    long id,
    String name,
    String channelType,
    String description,
    BigDecimal costPerClick,
    BigDecimal costPerImpression,
    BigDecimal monthlyBudget,
    boolean isActive,
    Map<String, Object> metadata,
    Instant createdAt,
    Instant updatedAt) {

  /** The channel type of direct traffic: typed-in URLs and bookmarks. */
  public static final String DIRECT_TYPE = "direct";

  /** Whether the channel carries direct traffic: its type is {@code direct}, whatever the channel is called. */
  public boolean directTraffic() {
    return DIRECT_TYPE.equals(channelType);
  }
}
