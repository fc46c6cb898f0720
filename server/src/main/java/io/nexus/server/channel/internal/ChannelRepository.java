package io.nexus.server.channel.internal;

import io.nexus.server.channel.Channel;
import io.nexus.server.persistence.TimestampColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for the {@code channels} table. */
@Repository
class ChannelRepository {
  private static final String COLUMNS = "id, name, channel_type, description, cost_per_click, cost_per_impression, "
      + "monthly_budget, is_active, metadata, created_at, updated_at";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ChannelRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  Optional<Channel> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM channels WHERE tenant_id = current_tenant() "
        + "AND id = ?").param(id).query(this::row).optional();
  }

  Optional<Channel> findByName(String name) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM channels WHERE tenant_id = current_tenant() "
        + "AND name = ?").param(name).query(this::row).optional();
  }

  List<Channel> findAll(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM channels WHERE tenant_id = current_tenant() "
        + "AND id IN (:ids)").param("ids", ids).query(this::row)
        .list();
  }

  List<Channel> all(Boolean active) {
    if (active == null) {
      return jdbc.sql("SELECT " + COLUMNS + " FROM channels WHERE tenant_id = current_tenant() "
          + "ORDER BY id").query(this::row).list();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM channels WHERE tenant_id = current_tenant() "
        + "AND is_active = ? ORDER BY id").param(active)
        .query(this::row).list();
  }

  long insert(Channel c) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, "
            + "monthly_budget, is_active, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(c.name(), c.channelType(), c.description(), c.costPerClick(), c.costPerImpression(),
            c.monthlyBudget(), c.isActive(), metadata(c.metadata()))
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  void update(Channel c) {
    jdbc.sql("UPDATE channels SET name = ?, channel_type = ?, description = ?, cost_per_click = ?, "
            + "cost_per_impression = ?, monthly_budget = ?, is_active = ?, metadata = ?, updated_at = ?"
            + " WHERE tenant_id = current_tenant() AND id = ?")
        .params(c.name(), c.channelType(), c.description(), c.costPerClick(), c.costPerImpression(),
            c.monthlyBudget(), c.isActive(), metadata(c.metadata()), TimestampColumns.now(), c.id())
        .update();
  }

  /** Deletes the channel; a channel that touchpoints or results refer to makes this fail with a constraint error. */
  void delete(long id) {
    jdbc.sql("DELETE FROM channels WHERE tenant_id = current_tenant() AND id = ?").param(id).update();
  }

  void deactivate(long id) {
    jdbc.sql("UPDATE channels SET is_active = FALSE, updated_at = ? WHERE tenant_id = current_tenant() AND id = ?")
        .params(TimestampColumns.now(), id).update();
  }

  private String metadata(Map<String, Object> metadata) {
    return metadata == null || metadata.isEmpty() ? null : json.writeValueAsString(metadata);
  }

  private Channel row(ResultSet rs, int n) throws SQLException {
    String metadata = rs.getString("metadata");
    return new Channel(rs.getLong("id"), rs.getString("name"), rs.getString("channel_type"),
        rs.getString("description"), rs.getBigDecimal("cost_per_click"), rs.getBigDecimal("cost_per_impression"),
        rs.getBigDecimal("monthly_budget"), rs.getBoolean("is_active"),
        metadata == null ? Map.of() : json.readValue(metadata, new TypeReference<Map<String, Object>>() { }),
        TimestampColumns.instant(rs, "created_at"), TimestampColumns.instant(rs, "updated_at"));
  }
}
