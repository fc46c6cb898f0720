package example.shop;

import io.nexus.engine.journey.UserEvent;
import io.nexus.server.integration.ImportRange;
import io.nexus.server.integration.PlatformEvent;
import io.nexus.server.integration.PlatformException;
import io.nexus.server.integration.PlatformIntegration;
import io.nexus.server.integration.PlatformSpend;
import io.nexus.server.integration.SpendReport;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A custom integration outside the service's packages, found only through {@code META-INF/services}: a shop whose
 * events tests put in {@link #EVENTS}, and which fails while {@link #failing} is set.
 */
public class ShopIntegration implements PlatformIntegration {
  /** The shop's events, as tests set them. */
  public static final List<PlatformEvent> EVENTS = new CopyOnWriteArrayList<>();
  /** The shop's ad spend, as tests set it. */
  public static final List<SpendReport> SPEND = new CopyOnWriteArrayList<>();
  /** Whether the shop is out of reach. */
  public static volatile boolean failing;

  @Override
  public String platform() {
    return "test_shop";
  }

  @Override
  public List<String> missingSettings() {
    return List.of();
  }

  @Override
  public List<PlatformEvent> fetchTouchpoints(ImportRange range) {
    return select(range, false);
  }

  @Override
  public List<PlatformEvent> fetchConversions(ImportRange range) {
    if (failing) {
      throw new PlatformException("the shop answered 503 for its orders");
    }
    return select(range, true);
  }

  @Override
  public List<SpendReport> fetchSpend(ImportRange range) {
    if (failing) {
      throw new PlatformException("the shop answered 503 for its ad spend");
    }
    return SPEND.stream().map(report -> new SpendReport(report.accountId(), report.rows().stream()
        .filter(r -> !r.date().isBefore(range.startDate()) && !r.date().isAfter(range.endDate())).toList()))
        .toList();
  }

  /** A campaign's day of spend on {@code channel}, in EUR, with the conversions the shop reports for it. */
  public static PlatformSpend spend(String campaign, String channel, String day, String amount) {
    return new PlatformSpend(campaign, "Campaign " + campaign, channel, LocalDate.parse(day), "EUR",
        new BigDecimal(amount), 1000, 50, BigDecimal.ONE, new BigDecimal("10.00"));
  }

  private static List<PlatformEvent> select(ImportRange range, boolean conversions) {
    return EVENTS.stream().filter(e -> e.event().conversion() == conversions)
        .filter(e -> range.user().map(u -> u.equals(e.event().userId())).orElse(true))
        .filter(e -> {
          var day = e.event().timestamp().atOffset(ZoneOffset.UTC).toLocalDate();
          return !day.isBefore(range.startDate()) && !day.isAfter(range.endDate());
        }).toList();
  }

  /** A visit from {@code source}/{@code medium}. */
  public static PlatformEvent visit(String id, String user, String at, String source, String medium) {
    return new PlatformEvent(id, UserEvent.visit(user, Instant.parse(at), source, medium, null));
  }

  /** A purchase of {@code revenue}. */
  public static PlatformEvent order(String id, String user, String at, String revenue) {
    return new PlatformEvent(id, UserEvent.purchase(user, Instant.parse(at), new BigDecimal(revenue)));
  }
}
