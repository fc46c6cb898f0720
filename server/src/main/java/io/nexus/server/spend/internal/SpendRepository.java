package io.nexus.server.spend.internal;

import io.nexus.server.persistence.DatabaseProduct;
import io.nexus.server.persistence.TimestampColumns;
import io.nexus.server.spend.ChannelSpend;
import io.nexus.server.spend.DailySpend;
import io.nexus.server.spend.SpendChanged;
import io.nexus.server.spend.SpendLedger;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code channel_spend} table, always within the current tenant. */
@Repository
class SpendRepository implements SpendLedger {
  private static final String COLUMNS = "platform, account_id, campaign_id, campaign_name, channel_id, spend_date, "
      + "currency, spend, impressions, clicks, conversions, conversion_value, updated_at";
  // One statement per database: PostgreSQL's ON CONFLICT is safe under concurrent imports, H2 has MERGE ... KEY.
  private static final String UPSERT_POSTGRES = "INSERT INTO channel_spend (" + COLUMNS + ") "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      + "ON CONFLICT (tenant_id, platform, account_id, campaign_id, spend_date) DO UPDATE SET "
      + "campaign_name = EXCLUDED.campaign_name, channel_id = EXCLUDED.channel_id, currency = EXCLUDED.currency, "
      + "spend = EXCLUDED.spend, impressions = EXCLUDED.impressions, clicks = EXCLUDED.clicks, "
      + "conversions = EXCLUDED.conversions, conversion_value = EXCLUDED.conversion_value, "
      + "updated_at = EXCLUDED.updated_at";
  private static final String UPSERT_H2 = "MERGE INTO channel_spend (tenant_id, " + COLUMNS + ") "
      + "KEY (tenant_id, platform, account_id, campaign_id, spend_date) "
      + "VALUES (current_tenant(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final boolean postgres;
  private final ApplicationEventPublisher events;

  SpendRepository(JdbcClient jdbc, JdbcTemplate batch, DatabaseProduct database, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.postgres = database.isPostgres();
    this.events = events;
  }

  @Override
  @Transactional
  public long upsert(List<ChannelSpend> rows) {
    if (rows.isEmpty()) {
      return 0;
    }
    List<Object[]> args = new ArrayList<>(rows.size());
    var now = TimestampColumns.now();
    for (ChannelSpend r : rows) {
      args.add(new Object[] {r.platform(), r.accountId(), r.campaignId(), r.campaignName(), r.channelId(),
          Date.valueOf(r.date()), r.currency(), r.spend(), r.impressions(), r.clicks(), r.conversions(), r.conversionValue(), now});
    }
    batch.batchUpdate(postgres ? UPSERT_POSTGRES : UPSERT_H2, args);
    rows.stream().map(ChannelSpend::platform).distinct().forEach(p -> events.publishEvent(new SpendChanged(p)));
    return rows.size();
  }

  @Override
  @Transactional
  public long replace(String platform, String accountId, LocalDate first, LocalDate last, List<ChannelSpend> rows) {
    for (ChannelSpend row : rows) {
      if (!row.platform().equals(platform) || !row.accountId().equals(accountId) || row.date().isBefore(first)
          || row.date().isAfter(last)) {
        throw new IllegalArgumentException("a row of " + row.platform() + " " + row.accountId() + " on "
            + row.date() + " is outside the replaced " + platform + " " + accountId + " " + first + " to " + last);
      }
    }
    int removed = jdbc.sql("DELETE FROM channel_spend WHERE tenant_id = current_tenant() AND platform = ? "
            + "AND account_id = ? AND spend_date BETWEEN ? AND ?")
        .params(platform, accountId, Date.valueOf(first), Date.valueOf(last)).update();
    if (removed > 0) {
      events.publishEvent(new SpendChanged(platform));
    }
    return upsert(rows);
  }

  @Override
  public List<DailySpend> daily(LocalDate first, LocalDate last) {
    return jdbc.sql("SELECT channel_id, spend_date, currency, SUM(spend) AS spend FROM channel_spend "
            + "WHERE tenant_id = current_tenant() AND spend_date BETWEEN ? AND ? "
            + "GROUP BY channel_id, spend_date, currency ORDER BY channel_id, spend_date, currency")
        .params(Date.valueOf(first), Date.valueOf(last))
        .query((rs, n) -> new DailySpend(rs.getLong("channel_id"), rs.getDate("spend_date").toLocalDate(),
            rs.getString("currency"), rs.getBigDecimal("spend")))
        .list();
  }

  /** The rows {@code filter} selects, one page of them by day, platform, account and campaign. */
  List<SpendRow> find(SpendFilter filter, int page, int size) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM channel_spend WHERE ");
    List<Object> params = new ArrayList<>();
    where(filter, sql, params);
    sql.append(" ORDER BY spend_date, platform, account_id, campaign_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
    params.add((long) page * size);
    params.add(size);
    return jdbc.sql(sql.toString()).params(params).query(SpendRepository::row).list();
  }

  /** How many rows {@code filter} selects, and their sums per currency. */
  List<SpendTotal> totals(SpendFilter filter) {
    StringBuilder sql = new StringBuilder("SELECT currency, COUNT(*) AS n, SUM(spend) AS spend, "
        + "SUM(impressions) AS impressions, SUM(clicks) AS clicks FROM channel_spend WHERE ");
    List<Object> params = new ArrayList<>();
    where(filter, sql, params);
    sql.append(" GROUP BY currency ORDER BY currency");
    return jdbc.sql(sql.toString()).params(params)
        .query((rs, n) -> new SpendTotal(rs.getString("currency"), rs.getLong("n"), rs.getBigDecimal("spend"),
            rs.getLong("impressions"), rs.getLong("clicks")))
        .list();
  }

  private static void where(SpendFilter filter, StringBuilder sql, List<Object> params) {
    sql.append("tenant_id = current_tenant()");
    if (filter.first() != null) {
      sql.append(" AND spend_date >= ?");
      params.add(Date.valueOf(filter.first()));
    }
    if (filter.last() != null) {
      sql.append(" AND spend_date <= ?");
      params.add(Date.valueOf(filter.last()));
    }
    if (filter.platform() != null) {
      sql.append(" AND platform = ?");
      params.add(filter.platform());
    }
    if (filter.accountId() != null) {
      sql.append(" AND account_id = ?");
      params.add(filter.accountId());
    }
    if (filter.campaignId() != null) {
      sql.append(" AND campaign_id = ?");
      params.add(filter.campaignId());
    }
    if (filter.channelId() != null) {
      sql.append(" AND channel_id = ?");
      params.add(filter.channelId());
    }
  }

  private static SpendRow row(ResultSet rs, int n) throws SQLException {
    return new SpendRow(rs.getString("platform"), rs.getString("account_id"), rs.getString("campaign_id"),
        rs.getString("campaign_name"), rs.getLong("channel_id"), rs.getDate("spend_date").toLocalDate(),
        rs.getString("currency"), rs.getBigDecimal("spend"), rs.getLong("impressions"), rs.getLong("clicks"),
        rs.getBigDecimal("conversions"), rs.getBigDecimal("conversion_value"), TimestampColumns.instant(rs, "updated_at"));
  }
}
