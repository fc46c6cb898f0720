package com.example.shop;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nexus.engine.journey.UserEvent;
import io.nexus.server.integration.ImportRange;
import io.nexus.server.integration.PlatformEvent;
import io.nexus.server.integration.PlatformException;
import io.nexus.server.integration.PlatformIntegration;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A shop's orders as journeys: each paid order is a conversion worth its total, and the visit that brought the
 * customer (the landing page's UTM parameters) a touch, read from the shop's orders API
 * ({@code GET {SHOP_API_URL}/orders}, bearer token, cursor paging; see the README). Registered through
 * {@code META-INF/services/io.nexus.server.integration.PlatformIntegration}; thread-safe.
 */
public final class ShopOrdersIntegration implements PlatformIntegration {
  static final String URL_SETTING = "SHOP_API_URL";
  static final String TOKEN_SETTING = "SHOP_API_TOKEN";
  private static final int PAGE_SIZE = 250;
  private static final int ATTEMPTS = 4;
  /** Orders that were not paid, or were paid back, convert nothing. */
  private static final Set<String> NOT_CONVERTING = Set.of("pending", "cancelled", "refunded");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  /** For {@code ServiceLoader}. */
  public ShopOrdersIntegration() {}

  @Override
  public String platform() {
    return "shop_orders";
  }

  @Override
  public List<String> missingSettings() {
    List<String> missing = new ArrayList<>();
    for (String name : List.of(URL_SETTING, TOKEN_SETTING)) {
      if (setting(name) == null) {
        missing.add(name);
      }
    }
    return missing;
  }

  @Override
  public List<PlatformEvent> fetchTouchpoints(ImportRange range) {
    return orders(range, order -> {
      JsonNode landing = order.path("landing_site");
      String visited = text(landing, "visited_at");
      if (visited == null) {
        return null;
      }
      return new PlatformEvent("shop:visit:" + text(order, "id"), UserEvent.visit(customer(order),
          instant(visited, "landing_site.visited_at"), text(landing, "utm_source"), text(landing, "utm_medium"),
          text(landing, "utm_campaign")));
    });
  }

  @Override
  public List<PlatformEvent> fetchConversions(ImportRange range) {
    return orders(range, order -> {
      String status = text(order, "financial_status");
      if (status != null && NOT_CONVERTING.contains(status)) {
        return null;
      }
      BigDecimal total;
      try {
        total = new BigDecimal(text(order, "total_price"));
      } catch (NumberFormatException | NullPointerException e) {
        throw new PlatformException("the shop's order " + text(order, "id") + " has no valid total_price");
      }
      return new PlatformEvent("shop:order:" + text(order, "id"),
          UserEvent.purchase(customer(order), instant(text(order, "created_at"), "created_at"), total));
    });
  }

  /** Every order created in the range (of its customer, when the range names one), page after page. */
  private List<PlatformEvent> orders(ImportRange range, Function<JsonNode, PlatformEvent> event) {
    String base = setting(URL_SETTING);
    String token = setting(TOKEN_SETTING);
    if (base == null || token == null) {
      throw new PlatformException("the shop integration needs " + String.join(" and ", missingSettings()));
    }
    StringBuilder query = new StringBuilder("/orders?created_from=" + range.startDate() + "&created_to="
        + range.endDate() + "&limit=" + PAGE_SIZE);
    range.user().ifPresent(u -> query.append("&customer_id=").append(URLEncoder.encode(u, StandardCharsets.UTF_8)));
    List<PlatformEvent> events = new ArrayList<>();
    String cursor = null;
    do {
      String page = cursor == null ? query.toString()
          : query + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
      JsonNode answer = get(base.replaceAll("/+$", "") + page, token);
      JsonNode orders = answer.get("orders");
      if (orders == null || !orders.isArray()) {
        throw new PlatformException("the shop's answer has no \"orders\" list");
      }
      for (JsonNode order : orders) {
        if (text(order, "id") == null) {
          throw new PlatformException("the shop sent an order without id");
        }
        PlatformEvent e = event.apply(order);
        if (e != null) {
          events.add(e);
        }
      }
      cursor = text(answer, "next_cursor");
    } while (cursor != null);
    return events;
  }

  /** One page, retried when the shop is busy (429, 502-504; its {@code Retry-After}, else a doubling pause). */
  private JsonNode get(String url, String token) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
    long pause = 500;
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        if (attempt < ATTEMPTS) {
          pause = sleep(pause, null);
          continue;
        }
        throw new PlatformException("the shop at " + URI.create(url).getHost() + " cannot be reached: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PlatformException("interrupted while reading the shop's orders", e);
      }
      int status = response.statusCode();
      if (status == 200) {
        try {
          return json.readTree(response.body());
        } catch (JacksonException e) {
          throw new PlatformException("the shop's answer is not JSON: " + e.getOriginalMessage(), e);
        }
      }
      if ((status == 429 || status >= 502 && status <= 504) && attempt < ATTEMPTS) {
        pause = sleep(pause, response.headers().firstValue("Retry-After").orElse(null));
        continue;
      }
      // The token is never part of a message: the shop's own error text is.
      String reason = status == 401 || status == 403 ? "refused the API token in " + TOKEN_SETTING
          : "answered HTTP " + status;
      throw new PlatformException("the shop " + reason + errorText(response.body()));
    }
  }

  private String errorText(String body) {
    try {
      String message = text(json.readTree(body), "error");
      return message == null ? "" : ": " + message;
    } catch (JacksonException e) {
      return "";
    }
  }

  private static long sleep(long pause, String retryAfter) {
    long wait = pause;
    if (retryAfter != null) {
      try {
        wait = Math.min(60_000, Long.parseLong(retryAfter.strip()) * 1000);
      } catch (NumberFormatException ignored) {
        // An HTTP date instead of seconds: the doubling pause will do.
      }
    }
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("interrupted while waiting for the shop", e);
    }
    return pause * 2;
  }

  private static String customer(JsonNode order) {
    String customer = text(order, "customer_id");
    if (customer == null) {
      throw new PlatformException("the shop's order " + text(order, "id") + " has no customer_id");
    }
    return customer;
  }

  private static Instant instant(String text, String field) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new PlatformException("the shop sent " + field + " \"" + text + "\", not an ISO-8601 instant");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }

  /** A setting from the environment, else from the system property of the same name ({@code -DSHOP_API_URL=...}). */
  private static String setting(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      value = System.getProperty(name);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }
}
