package io.nexus.server.calibration.internal;

import io.nexus.server.persistence.TimestampColumns;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for the {@code lift_tests} table. */
@Repository
class LiftTestRepository {
  private static final String COLUMNS = "id, channel_id, name, start_date, end_date, incremental_conversions, lift, "
      + "ci_low, ci_high, confidence_level, created_at";

  private final JdbcClient jdbc;

  LiftTestRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(LiftTest test) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO lift_tests (channel_id, name, start_date, end_date, incremental_conversions, lift, ci_low, "
            + "ci_high, confidence_level) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(test.channelId(), test.name(), Date.valueOf(test.startDate()), Date.valueOf(test.endDate()),
            test.incrementalConversions(), test.lift(), test.confidenceInterval().get(0),
            test.confidenceInterval().get(1), test.confidenceLevel())
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  Optional<LiftTest> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM lift_tests WHERE id = ?").param(id).query(LiftTestRepository::row)
        .optional();
  }

  /** Every test, or those of one channel, in id order. */
  List<LiftTest> list(Long channelId) {
    if (channelId == null) {
      return jdbc.sql("SELECT " + COLUMNS + " FROM lift_tests ORDER BY id").query(LiftTestRepository::row).list();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM lift_tests WHERE channel_id = ? ORDER BY id").param(channelId)
        .query(LiftTestRepository::row).list();
  }

  /** Deletes the test; whether there was one. */
  boolean delete(long id) {
    return jdbc.sql("DELETE FROM lift_tests WHERE id = ?").param(id).update() > 0;
  }

  private static LiftTest row(ResultSet rs, int n) throws SQLException {
    BigDecimal level = rs.getBigDecimal("confidence_level");
    return new LiftTest(rs.getLong("id"), rs.getLong("channel_id"), rs.getString("name"),
        rs.getDate("start_date").toLocalDate(), rs.getDate("end_date").toLocalDate(),
        strip(rs.getBigDecimal("incremental_conversions")), strip(rs.getBigDecimal("lift")),
        List.of(strip(rs.getBigDecimal("ci_low")), strip(rs.getBigDecimal("ci_high"))), strip(level),
        TimestampColumns.instant(rs, "created_at"));
  }

  /** The stored number without the trailing zeros of its column's scale, as it was sent. */
  private static BigDecimal strip(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
