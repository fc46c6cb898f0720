package io.nexus.server.attribution.internal;

import io.nexus.server.attribution.ChannelCreditView;
import io.nexus.server.attribution.JourneyAttribution;
import io.nexus.server.persistence.BulkWriter;
import io.nexus.server.persistence.DatabaseProduct;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code attribution_results} table. */
@Repository
class ResultRepository {
  private static final List<String> COLUMNS = List.of("journey_id", "attribution_model_id", "channel_id", "credit",
      "attributed_revenue", "attributed_conversions", "channel_cost", "roi", "roas", "calculated_at");

  private final JdbcClient jdbc;
  private final BulkWriter bulk;
  private final DatabaseProduct database;

  ResultRepository(JdbcClient jdbc, BulkWriter bulk, DatabaseProduct database) {
    this.jdbc = jdbc;
    this.bulk = bulk;
    this.database = database;
  }

  /**
   * Lets a bulk job's result transactions commit without waiting for the disk. Results are derived data that the
   * job recomputes, and the job's final status is committed synchronously, which flushes every earlier commit: a
   * job is never reported done with results a crash could lose. Run inside the transaction.
   */
  void commitWithoutWaiting() {
    if (database.isPostgres()) {
      jdbc.sql("SET LOCAL synchronous_commit TO OFF").update();
    }
  }

  /** Replaces the stored rows of every (journey, model) pair given; run inside a transaction. */
  void replace(Map<Long, List<JourneyAttribution>> byModel) {
    List<Object[]> rows = new ArrayList<>();
    for (Map.Entry<Long, List<JourneyAttribution>> entry : byModel.entrySet()) {
      long modelId = entry.getKey();
      List<Long> journeyIds = entry.getValue().stream().map(JourneyAttribution::journeyId).toList();
      if (journeyIds.isEmpty()) {
        continue;
      }
      long lowest = journeyIds.stream().mapToLong(Long::longValue).min().getAsLong();
      long highest = journeyIds.stream().mapToLong(Long::longValue).max().getAsLong();
      if (highest - lowest < 2L * journeyIds.size()) {
        // Chunks of consecutive journeys: one index range scan, rows of journeys outside the chunk kept.
        jdbc.sql("DELETE FROM attribution_results WHERE tenant_id = current_tenant() "
            + "AND journey_id BETWEEN :low AND :high "
                + "AND attribution_model_id = :model AND journey_id IN (:journeys)")
            .param("low", lowest).param("high", highest).param("model", modelId).param("journeys", journeyIds)
            .update();
      } else {
        for (int from = 0; from < journeyIds.size(); from += 5_000) {
          jdbc.sql("DELETE FROM attribution_results WHERE tenant_id = current_tenant() "
              + "AND attribution_model_id = :model AND journey_id IN (:journeys)")
              .param("model", modelId)
              .param("journeys", journeyIds.subList(from, Math.min(journeyIds.size(), from + 5_000)))
              .update();
        }
      }
      for (JourneyAttribution result : entry.getValue()) {
        Instant at = result.calculatedAt();
        for (ChannelCreditView c : result.attributions()) {
          rows.add(new Object[] {result.journeyId(), modelId, c.channelId(),
              BigDecimal.valueOf(c.credit()).setScale(12, RoundingMode.HALF_UP), c.attributedRevenue(),
              BigDecimal.valueOf(c.attributedConversions()).setScale(12, RoundingMode.HALF_UP), c.channelCost(),
              c.roi(), c.roas(), at});
        }
      }
    }
    bulk.insertRows("attribution_results", COLUMNS, rows);
  }
}
