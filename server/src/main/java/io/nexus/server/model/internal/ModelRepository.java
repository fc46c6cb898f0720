package io.nexus.server.model.internal;

import io.nexus.server.model.ModelDefinition;
import io.nexus.server.persistence.TimestampColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for the {@code attribution_models} table. */
@Repository
class ModelRepository {
  private static final String COLUMNS = "id, name, model_type, description, time_decay_halflife_days, "
      + "position_weights, custom_rules, ml_model_type, ml_parameters, training_data_window_days, is_active, "
      + "created_at, updated_at";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ModelRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  Optional<ModelDefinition> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM attribution_models WHERE tenant_id = current_tenant() "
        + "AND id = ?").param(id).query(this::row)
        .optional();
  }

  Optional<ModelDefinition> findByName(String name) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM attribution_models WHERE tenant_id = current_tenant() "
        + "AND name = ?").param(name).query(this::row)
        .optional();
  }

  List<ModelDefinition> all(Boolean active) {
    if (active == null) {
      return jdbc.sql("SELECT " + COLUMNS + " FROM attribution_models WHERE tenant_id = current_tenant() "
          + "ORDER BY id").query(this::row).list();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM attribution_models WHERE tenant_id = current_tenant() "
        + "AND is_active = ? ORDER BY id").param(active)
        .query(this::row).list();
  }

  long insert(ModelDefinition m) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO attribution_models (name, model_type, description, time_decay_halflife_days, "
            + "position_weights, custom_rules, ml_model_type, ml_parameters, training_data_window_days, is_active) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(m.name(), m.modelType(), m.description(), m.timeDecayHalflifeDays(), text(m.positionWeights()),
            text(m.customRules()), m.mlModelType(), text(m.mlParameters()), m.trainingDataWindowDays(),
            m.isActive())
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  void update(ModelDefinition m) {
    jdbc.sql("UPDATE attribution_models SET name = ?, model_type = ?, description = ?, time_decay_halflife_days = ?, "
            + "position_weights = ?, custom_rules = ?, ml_model_type = ?, ml_parameters = ?, "
            + "training_data_window_days = ?, is_active = ?, updated_at = ? WHERE tenant_id = current_tenant() "
            + "AND id = ?")
        .params(m.name(), m.modelType(), m.description(), m.timeDecayHalflifeDays(), text(m.positionWeights()),
            text(m.customRules()), m.mlModelType(), text(m.mlParameters()), m.trainingDataWindowDays(),
            m.isActive(), TimestampColumns.now(), m.id())
        .update();
  }

  /** Deletes the model; one that stored results refer to makes this fail with a constraint error. */
  void delete(long id) {
    jdbc.sql("DELETE FROM attribution_models WHERE tenant_id = current_tenant() AND id = ?").param(id).update();
  }

  void deactivate(long id) {
    jdbc.sql("UPDATE attribution_models SET is_active = FALSE, updated_at = ? WHERE tenant_id = current_tenant() "
        + "AND id = ?")
        .params(TimestampColumns.now(), id).update();
  }

  private String text(Map<String, Object> map) {
    return map == null || map.isEmpty() ? null : json.writeValueAsString(map);
  }

  private Map<String, Object> map(String text) {
    return text == null || text.isBlank() ? Map.of() : json.readValue(text, new TypeReference<Map<String, Object>>() { });
  }

  private ModelDefinition row(ResultSet rs, int n) throws SQLException {
    return new ModelDefinition(rs.getLong("id"), rs.getString("name"), rs.getString("model_type"),
        rs.getString("description"), rs.getBigDecimal("time_decay_halflife_days"), map(rs.getString("position_weights")),
        map(rs.getString("custom_rules")), rs.getString("ml_model_type"), map(rs.getString("ml_parameters")),
        rs.getInt("training_data_window_days"), rs.getBoolean("is_active"),
        TimestampColumns.instant(rs, "created_at"), TimestampColumns.instant(rs, "updated_at"));
  }
}
