package io.nexus.server.integration.internal.meta;

import io.nexus.server.integration.ImportRange;
import io.nexus.server.integration.PlatformException;
import io.nexus.server.integration.PlatformSpend;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads an ad account's spend from the Insights edge {@code act_<id>/insights}: one row per campaign and day
 * ({@code level=campaign}, {@code time_increment=1}) over the range ({@code time_range} since/until), all pages
 * through {@code paging.next}. Numbers arrive as strings and are read exactly; a row whose numbers or days cannot be
 * read fails the import rather than leaving spend out silently.
 */
final class MetaInsights {
  /** The fields asked for; {@code account_currency} says which currency spend is in. */
  static final String FIELDS = "campaign_id,campaign_name,spend,impressions,clicks,actions,action_values,"
      + "date_start,date_stop,account_currency";
  /** Rows per page: the Graph API's pages are cursor-based, this only bounds each answer. */
  static final int PAGE_SIZE = 500;
  /** Pages followed at most, so a platform answering in circles cannot hold the import thread forever. */
  static final int MAX_PAGES = 10_000;

  private final MetaSettings settings;
  private final MetaGraph graph;

  MetaInsights(MetaSettings settings, MetaGraph graph) {
    this.settings = settings;
    this.graph = graph;
  }

  /** Every campaign's days of spend in {@code range}, with Meta's own count and value of the conversion action. */
  List<PlatformSpend> spend(ImportRange range) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("level", "campaign");
    params.put("time_increment", "1");
    params.put("time_range", "{\"since\":\"" + range.startDate() + "\",\"until\":\"" + range.endDate() + "\"}");
    params.put("fields", FIELDS);
    params.put("limit", Integer.toString(PAGE_SIZE));
    String what = "the insights of " + settings.account();
    JsonNode page = graph.get(settings.account() + "/insights", params);
    List<PlatformSpend> rows = new ArrayList<>();
    for (int pages = 1; ; pages++) {
      JsonNode data = page.get("data");
      if (data == null || !data.isArray()) {
        throw new PlatformException("Meta answered " + what + " without a data array");
      }
      for (JsonNode row : data) {
        rows.add(row(row));
      }
      String next = page.path("paging").path("next").asString(null);
      if (next == null || next.isBlank() || data.isEmpty()) {
        return rows;
      }
      if (pages >= MAX_PAGES) {
        throw new PlatformException("Meta answered more than " + MAX_PAGES + " pages for " + what);
      }
      page = graph.getNext(next, what + " (page " + (pages + 1) + ")");
    }
  }

  private PlatformSpend row(JsonNode row) {
    String campaign = text(row, "campaign_id", "a row");
    String where = "campaign " + campaign;
    LocalDate start = day(row, "date_start", where);
    LocalDate stop = day(row, "date_stop", where);
    if (!start.equals(stop)) {
      throw new PlatformException("Meta answered " + where + " for " + start + " to " + stop
          + " though asked for one row per day (time_increment=1)");
    }
    where = where + " on " + start;
    String currency = text(row, "account_currency", where);
    String action = settings.conversionActionType();
    return new PlatformSpend(campaign, row.path("campaign_name").asString(null), settings.channel(), start,
        currency, amount(row.get("spend"), "spend", where, true), count(row.get("impressions"), "impressions", where),
        count(row.get("clicks"), "clicks", where), action(row.get("actions"), action, where),
        action(row.get("action_values"), action, where));
  }

  /**
   * The value of the one {@code action_type} among an action list, or {@code null} when Meta reports none of it;
   * other action types are never added to it.
   */
  private static BigDecimal action(JsonNode actions, String type, String where) {
    if (actions == null || actions.isNull()) {
      return null;
    }
    if (!actions.isArray()) {
      throw new PlatformException("Meta answered actions for " + where + " that are not a list");
    }
    for (JsonNode entry : actions) {
      if (type.equals(entry.path("action_type").asString(""))) {
        return amount(entry.get("value"), type, where, false);
      }
    }
    return null;
  }

  private static String text(JsonNode row, String field, String where) {
    String value = row.path(field).asString("");
    if (value.isBlank()) {
      throw new PlatformException("Meta answered " + where + " without " + field);
    }
    return value;
  }

  private static LocalDate day(JsonNode row, String field, String where) {
    String value = text(row, field, where);
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new PlatformException("Meta answered " + field + " \"" + value + "\" for " + where + ", not a day");
    }
  }

  private static BigDecimal amount(JsonNode node, String field, String where, boolean required) {
    if (node == null || node.isNull()) {
      if (required) {
        throw new PlatformException("Meta answered " + where + " without " + field);
      }
      return null;
    }
    String text = node.isString() ? node.asString() : node.isNumber() ? node.asString() : null;
    try {
      BigDecimal value = new BigDecimal(text == null ? "" : text.strip());
      if (value.signum() < 0) {
        throw new NumberFormatException("negative");
      }
      // Meta's conversion counts and values may carry more decimals than the 4 stored; spend has the currency's.
      return required || value.scale() <= 4 ? value : value.setScale(4, java.math.RoundingMode.HALF_UP);
    } catch (NumberFormatException e) {
      throw new PlatformException("Meta answered " + field + " \"" + (text == null ? node.toString() : text)
          + "\" for " + where + ", not an amount");
    }
  }

  private static long count(JsonNode node, String field, String where) {
    if (node == null || node.isNull()) {
      return 0;
    }
    BigDecimal value = amount(node, field, where, false);
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      throw new PlatformException("Meta answered " + field + " \"" + value.toPlainString() + "\" for " + where
          + ", not a whole number");
    }
  }
}
