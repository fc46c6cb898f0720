package io.nexus.formats.ga4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nexus.engine.journey.UserEvent;
import io.nexus.formats.InputException;
import io.nexus.formats.InputFile;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ga4ExportReaderTest {
  private static final String SESSION_1 = "{\"key\":\"ga_session_id\",\"value\":{\"int_value\":\"111\"}}";

  private static Ga4ExportReader.Result read(String... lines) throws IOException {
    return Ga4ExportReader.readAll(new BufferedReader(new StringReader(String.join("\n", lines))));
  }

  private static String event(String name, long micros, String extra) {
    return "{\"event_name\":\"" + name + "\",\"event_timestamp\":" + micros + ",\"user_pseudo_id\":\"p1\","
        + "\"event_params\":[" + SESSION_1 + "]" + extra + "}";
  }

  @Test
  void aSessionIsOneTouchAtItsEarliestEventWithItsLastClickSource() throws IOException {
    Ga4ExportReader.Result result = read(
        event("page_view", 1_735_689_600_500_000L, ",\"collected_traffic_source\":{\"manual_source\":\"bing\","
            + "\"manual_medium\":\"organic\"}"),
        event("session_start", 1_735_689_600_000_001L, ",\"session_traffic_source_last_click\":{\"manual_campaign\":"
            + "{\"source\":\"google\",\"medium\":\"cpc\",\"campaign_name\":\"brand\"}}"));

    assertThat(result.events()).hasSize(1);
    UserEvent touch = result.events().get(0).event();
    assertThat(touch.timestamp()).isEqualTo(Instant.parse("2025-01-01T00:00:00.000001Z"));
    assertThat(touch.source()).isEqualTo("google");
    assertThat(touch.medium()).isEqualTo("cpc");
    assertThat(touch.campaign()).isEqualTo("brand");
    assertThat(result.events().get(0).eventId()).isEqualTo("ga4:session:p1:111");
  }

  @Test
  void withoutLastClickTheEarliestCollectedSourceCountsAndAGclidAloneIsGoogleCpc() throws IOException {
    Ga4ExportReader.Result result = read(
        event("page_view", 2_000_000L, ",\"collected_traffic_source\":{\"manual_source\":\"bing\"}"),
        event("session_start", 1_000_000L, ",\"collected_traffic_source\":{\"gclid\":\"Cj0\"}"));

    UserEvent touch = result.events().get(0).event();
    assertThat(touch.source()).isEqualTo("google");
    assertThat(touch.medium()).isEqualTo("cpc");
  }

  @Test
  void aSessionWithoutAnySourceIsDirect() throws IOException {
    UserEvent touch = read(event("session_start", 1_000_000L, "")).events().get(0).event();

    assertThat(touch.source()).isEqualTo("(direct)");
    assertThat(touch.medium()).isEqualTo("(none)");
  }

  @Test
  void purchasesAreConversionsDeduplicatedByTransactionId() throws IOException {
    Ga4ExportReader.Result result = read(
        event("purchase", 5_000_000L, ",\"ecommerce\":{\"transaction_id\":\"T1\",\"purchase_revenue\":\"12.50\"}"),
        event("purchase", 6_000_000L, ",\"ecommerce\":{\"transaction_id\":\"T1\",\"purchase_revenue\":12.5}"),
        event("purchase", 7_000_000L, ",\"event_params\":[" + SESSION_1
            + ",{\"key\":\"value\",\"value\":{\"double_value\":4.25}}]"));

    List<UserEvent> conversions = result.events().stream().map(Ga4ExportReader.Ga4Event::event)
        .filter(UserEvent::conversion).toList();
    assertThat(conversions).hasSize(2);
    assertThat(conversions.get(0).revenue()).isEqualByComparingTo("12.50");
    assertThat(conversions.get(1).revenue()).isEqualByComparingTo("4.25");
    assertThat(result.duplicatePurchases()).isEqualTo(1);
    assertThat(result.events().stream().map(Ga4ExportReader.Ga4Event::eventId))
        .contains("ga4:purchase:T1", "ga4:purchase:p1:7000000");
  }

  @Test
  void everyBadLineIsReportedWithItsNumberAndReason() throws IOException {
    Ga4ExportReader.Result result = read(
        "{not json",
        "",
        "{\"event_name\":\"page_view\",\"event_timestamp\":\"soon\",\"user_pseudo_id\":\"p\"}",
        "{\"event_name\":\"page_view\",\"event_timestamp\":1}",
        event("session_start", 1_000_000L, ""));

    assertThat(result.rows()).isEqualTo(4);
    assertThat(result.events()).hasSize(1);
    assertThat(result.rejections()).extracting(InputException::getMessage).containsExactly(
        result.rejections().get(0).getMessage(),
        "line 3: event_timestamp \"soon\": must be an integer",
        "line 4: user_pseudo_id \"\": missing value, and no user_id either");
    assertThat(result.rejections().get(0).getMessage()).startsWith("line 1: not valid JSON");
  }

  @Test
  void readingForTheCommandLineStopsAtTheFirstBadLine() {
    byte[] bytes = (event("session_start", 1_000_000L, "") + "\n[1,2]\n").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> {
      try (InputFile in = InputFile.open(Path.of("-"), new ByteArrayInputStream(bytes))) {
        Ga4ExportReader.read(in);
      }
    }).isInstanceOf(InputException.class).hasMessage("line 2: not a JSON object: each line must be one exported event");
  }

  @Test
  void theExampleExportHoldsTheJourneysWorkedOutByHand() throws Exception {
    try (InputFile in = InputFile.open(Path.of("../examples/ga4-export/events.ndjson.gz"), InputStream.nullInputStream())) {
      Ga4ExportReader.Result result = Ga4ExportReader.readAll(in.reader());

      assertThat(result.rows()).isEqualTo(800);
      assertThat(result.rejections()).isEmpty();
      assertThat(result.duplicatePurchases()).isEqualTo(100);
      assertThat(result.events().stream().filter(e -> !e.event().conversion())).hasSize(400);
      assertThat(result.events().stream().filter(e -> e.event().conversion())
          .map(e -> e.event().revenue()).reduce(BigDecimal.ZERO, BigDecimal::add))
          .isEqualByComparingTo("8000");
    }
  }

  @Test
  void aRowGivenAsAJsonTreeReadsAsItsLineDoes() throws Exception {
    String line = event("purchase", 5_000_000L, ",\"ecommerce\":{\"transaction_id\":\"T9\",\"purchase_revenue\":19.9},"
        + "\"collected_traffic_source\":{\"gclid\":\"Cj0\"}");

    Ga4ExportReader.Ga4Row fromText = Ga4ExportReader.row(line, 7);
    Ga4ExportReader.Ga4Row fromTree = Ga4ExportReader.row(new ObjectMapper().readTree(line), 7);

    assertThat(fromTree).isEqualTo(fromText);
    assertThat(fromText).isEqualTo(new Ga4ExportReader.Ga4Row(7, "p1", 5_000_000L, "111", null,
        new Ga4ExportReader.Traffic("google", "cpc", null), true, "T9", new BigDecimal("19.9")));
  }

  @Test
  void eachUsersRowsAloneGiveItsEventsOnceRepeatedTransactionsArePassedWithoutTheirPurchase() throws Exception {
    String[] lines = {
        event("purchase", 9_000_000L, ",\"ecommerce\":{\"transaction_id\":\"T1\",\"purchase_revenue\":10}"),
        event("page_view", 2_000_000L, "").replace("\"p1\"", "\"p2\""),
        // p2 repeats p1's transaction: left out as a purchase, still the start of p2's session.
        event("purchase", 1_000_000L, ",\"ecommerce\":{\"transaction_id\":\"T1\",\"purchase_revenue\":10}")
            .replace("\"p1\"", "\"p2\""),
        event("purchase", 3_000_000L, ",\"ecommerce\":{\"transaction_id\":\"T2\",\"purchase_revenue\":7}")
            .replace("\"p1\"", "\"p2\"")};
    List<UserEvent> whole = read(lines).events().stream().map(Ga4ExportReader.Ga4Event::event).toList();

    Ga4ExportReader.Collector p2 = new Ga4ExportReader.Collector();
    p2.add(Ga4ExportReader.row(lines[1], 1));
    p2.add(Ga4ExportReader.row(lines[2], 2).withoutPurchase());
    p2.add(Ga4ExportReader.row(lines[3], 3));

    assertThat(p2.events().stream().map(Ga4ExportReader.Ga4Event::event).toList())
        .isEqualTo(whole.stream().filter(e -> e.userId().equals("p2")).toList());
    assertThat(p2.events().get(0).event().timestamp()).isEqualTo(Instant.ofEpochSecond(1));
  }
}
