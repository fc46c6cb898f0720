package io.nexus.server.attribution.internal;

import io.nexus.server.attribution.ChannelCreditView;
import io.nexus.server.attribution.JourneyAttribution;
import io.nexus.server.system.Database;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code attribution_results} table. */
@Repository
class ResultRepository {
  private static final List<String> COLUMNS = List.of("journey_id", "attribution_model_id", "channel_id", "credit",
      "attributed_revenue", "attributed_conversions", "channel_cost", "roi", "roas", "calculated_at");

  private final JdbcClient jdbc;
  private final Database database;

  ResultRepository(JdbcClient jdbc, Database database) {
    this.jdbc = jdbc;
    this.database = database;
  }

  /** Replaces the stored rows of every (journey, model) pair in {@code results}; run inside a transaction. */
  void replace(long modelId, Collection<JourneyAttribution> results) {
    if (results.isEmpty()) {
      return;
    }
    List<Long> journeyIds = results.stream().map(JourneyAttribution::journeyId).toList();
    for (int from = 0; from < journeyIds.size(); from += 5_000) {
      jdbc.sql("DELETE FROM attribution_results WHERE attribution_model_id = :model AND journey_id IN (:journeys)")
          .param("model", modelId).param("journeys", journeyIds.subList(from, Math.min(journeyIds.size(), from + 5_000)))
          .update();
    }
    List<Object[]> rows = new ArrayList<>(results.size() * 3);
    for (JourneyAttribution result : results) {
      Instant at = result.calculatedAt();
      for (ChannelCreditView c : result.attributions()) {
        rows.add(new Object[] {result.journeyId(), modelId, c.channelId(),
            BigDecimal.valueOf(c.credit()).setScale(12, RoundingMode.HALF_UP), c.attributedRevenue(),
            BigDecimal.valueOf(c.attributedConversions()).setScale(12, RoundingMode.HALF_UP), c.channelCost(),
            c.roi(), c.roas(), at});
      }
    }
    database.insertRows("attribution_results", COLUMNS, rows);
  }

  long count(long journeyId, long modelId) {
    return jdbc.sql("SELECT COUNT(*) FROM attribution_results WHERE journey_id = ? AND attribution_model_id = ?")
        .params(journeyId, modelId).query(Long.class).single();
  }
}
