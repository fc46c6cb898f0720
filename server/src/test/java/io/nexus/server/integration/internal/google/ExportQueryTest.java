package io.nexus.server.integration.internal.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.bigquery.QueryJobConfiguration;
import io.nexus.server.integration.ImportRange;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The export query's text and parameters, and the days its table suffixes name. */
class ExportQueryTest {
  private static final ImportRange ONE_USER = new ImportRange(LocalDate.parse("2025-04-01"),
      LocalDate.parse("2025-04-02"), "u'1; DROP TABLE x");

  private static Ga4Settings settings(boolean intraday) {
    return new Ga4Settings("/keys/sa.json", null, null, "nexus-test-project", "analytics_123", null, null, null, null,
        null, intraday);
  }

  @Test
  void aOneUserImportFiltersTheUserAfterChoosingTheTablesWithTheUserAsAParameter() {
    QueryJobConfiguration query = ExportQuery.of(settings(true), ONE_USER);

    assertThat(query.getQuery())
        .contains("WHERE (_TABLE_SUFFIX BETWEEN @first_day AND @last_day OR (_TABLE_SUFFIX BETWEEN")
        .endsWith("@last_day)))) AND COALESCE(t.user_pseudo_id, t.user_id) = @user "
            + "ORDER BY t.event_timestamp, t.user_pseudo_id, t.event_name")
        .doesNotContain("DROP").doesNotContain("2025");
    assertThat(query.getNamedParameters().get("user").getValue()).isEqualTo("u'1; DROP TABLE x");
    assertThat(query.getNamedParameters().get("first_day").getValue()).isEqualTo("20250401");
    assertThat(query.getNamedParameters().get("last_day").getValue()).isEqualTo("20250402");
  }

  @Test
  void withoutIntradayTablesTheOneUserQueryIsTheDailyOne() {
    assertThat(ExportQuery.of(settings(false), ONE_USER).getQuery()).isEqualTo("SELECT t.event_timestamp, "
        + "TO_JSON_STRING(t) AS event FROM `nexus-test-project.analytics_123.events_*` AS t "
        + "WHERE _TABLE_SUFFIX BETWEEN @first_day AND @last_day AND COALESCE(t.user_pseudo_id, t.user_id) = @user "
        + "ORDER BY t.event_timestamp, t.user_pseudo_id, t.event_name");
  }

  @Test
  void tableSuffixesNameTheirDayAndKind() {
    assertThat(ExportQuery.intradayDay("intraday_20250402")).isEqualTo(LocalDate.parse("2025-04-02"));
    assertThat(ExportQuery.intradayDay("20250402")).isNull();
    assertThat(ExportQuery.dailyDay("20250402")).isEqualTo(LocalDate.parse("2025-04-02"));
    assertThat(ExportQuery.dailyDay("intraday_20250402")).isNull();
    // GA4 360's fresh daily tables and anything else are neither.
    assertThat(ExportQuery.intradayDay("fresh_20250402")).isNull();
    assertThat(ExportQuery.dailyDay("fresh_20250402")).isNull();
    assertThat(ExportQuery.dailyDay("2025040x")).isNull();
  }
}
