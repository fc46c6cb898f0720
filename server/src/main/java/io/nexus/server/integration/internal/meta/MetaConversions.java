package io.nexus.server.integration.internal.meta;

import io.nexus.server.integration.AttributedConversion;
import io.nexus.server.integration.PlatformException;
import io.nexus.server.integration.PushResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends conversions to the Conversions API ({@code POST <pixel_id>/events}) as {@code Purchase} server events: the
 * conversion's time, its stable {@code event_id} (Meta deduplicates a push made twice, and against the pixel's event
 * of the same id), {@code action_source}, {@code user_data} with the SHA-256 of the normalised user id as
 * {@code external_id} and of the email or phone the user id is (when it is one), and {@code custom_data} with value,
 * currency and each channel's share of the credit. At most 1,000 events a request, as the API allows; conversions
 * older than 7 days, which the API refuses for the whole request, are skipped and counted.
 */
final class MetaConversions {
  /** Events per request, the Conversions API's limit. */
  static final int BATCH = 1000;
  /** How old an event may be for the Conversions API. */
  static final Duration MAX_AGE = Duration.ofDays(7);
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{7,25}");

  private final MetaSettings settings;
  private final MetaGraph graph;
  private final JsonMapper json;
  private final Clock clock;

  MetaConversions(MetaSettings settings, MetaGraph graph, JsonMapper json, Clock clock) {
    this.settings = settings;
    this.graph = graph;
    this.json = json;
    this.clock = clock;
  }

  PushResult push(List<AttributedConversion> conversions) {
    Instant oldest = clock.instant().minus(MAX_AGE);
    List<AttributedConversion> recent = new ArrayList<>(conversions.size());
    for (AttributedConversion c : conversions) {
      if (!c.timestamp().isBefore(oldest)) {
        recent.add(c);
      }
    }
    long skipped = conversions.size() - recent.size();
    List<String> notes = new ArrayList<>();
    if (skipped > 0) {
      notes.add(skipped + " conversions are older than 7 days, which the Conversions API refuses; not sent");
    }
    long received = 0;
    long requests = 0;
    for (int from = 0; from < recent.size(); from += BATCH) {
      List<AttributedConversion> batch = recent.subList(from, Math.min(recent.size(), from + BATCH));
      ArrayNode data = json.createArrayNode();
      batch.forEach(c -> data.add(event(c)));
      Map<String, String> form = new LinkedHashMap<>();
      form.put("data", json.writeValueAsString(data));
      if (settings.testEventCode() != null) {
        form.put("test_event_code", settings.testEventCode());
      }
      JsonNode answer;
      try {
        answer = graph.post(settings.pixelId() + "/events", form);
      } catch (PlatformException e) {
        throw new PlatformException(e.getMessage() + (from == 0 ? "" : "; the first " + from
            + " conversions were sent, pushing again is safe: Meta deduplicates them by event_id"));
      }
      requests++;
      received += answer.path("events_received").asLong(0);
      for (JsonNode message : answer.path("messages")) {
        notes.add(graph.redact(message.asString("")));
      }
    }
    if (settings.testEventCode() != null) {
      notes.add("sent with test_event_code: the events show in Events Manager's Test Events only");
    }
    return new PushResult(recent.size(), received, skipped, requests, notes);
  }

  private ObjectNode event(AttributedConversion c) {
    ObjectNode event = json.createObjectNode();
    event.put("event_name", "Purchase");
    event.put("event_time", c.timestamp().getEpochSecond());
    event.put("event_id", c.eventId());
    event.put("action_source", settings.actionSource());
    ObjectNode user = event.putObject("user_data");
    String id = c.userId().strip();
    user.putArray("external_id").add(sha256(id.toLowerCase(Locale.ROOT)));
    if (EMAIL.matcher(id).matches()) {
      user.putArray("em").add(sha256(id.toLowerCase(Locale.ROOT)));
    } else if (PHONE.matcher(id).matches()) {
      String digits = id.replaceAll("[^0-9]", "");
      if (digits.length() >= 7) {
        user.putArray("ph").add(sha256(digits));
      }
    }
    ObjectNode custom = event.putObject("custom_data");
    custom.put("value", c.value());
    custom.put("currency", settings.currency());
    custom.put("attribution_model_id", c.attributionModelId());
    ObjectNode shares = custom.putObject("attributed_shares");
    BigDecimal metaShare = BigDecimal.ZERO;
    for (AttributedConversion.ChannelShare share : c.credits()) {
      shares.put(share.channel(), share.share());
      if (share.channel().equalsIgnoreCase(settings.channel())) {
        metaShare = metaShare.add(share.share());
      }
    }
    // What the model credits to Meta's own channel of this conversion's value: the part Meta may optimise for.
    custom.put("attributed_value", c.value().multiply(metaShare).setScale(2, RoundingMode.HALF_UP));
    return event;
  }

  /** Lower-case hex SHA-256 of {@code text}, as the Conversions API expects hashed identifiers. */
  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(
          StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
