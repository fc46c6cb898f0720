package io.nexus.spark;

import io.nexus.engine.Attribution;
import io.nexus.engine.AttributionModel;
import io.nexus.engine.ChannelDictionary;
import io.nexus.engine.FittedModel;
import io.nexus.engine.JourneyBatch;
import io.nexus.engine.JourneyId;
import io.nexus.engine.ModelSpec;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.util.LongAccumulator;

/**
 * Writes converting journeys and their credits into the service's PostgreSQL schema ({@code journeys},
 * {@code attribution_results}), so that the service reports on a cluster's run like on its own. The driver resolves
 * channels (by name, adding missing ones) and models (by type and parameters, adding missing ones) once; each executor
 * writes its chunks, one transaction per chunk. Immutable and thread-safe.
 *
 * <p>Attributed revenue is split exactly ({@link Attribution#splitExactly}): a journey's results add up to its stored
 * conversion value to the last digit, as the service's own results do.
 */
final class JdbcResults implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int BATCH = 2_000;
  /** Parameter defaults of the model types (docs/models.md), to recognise the service's models by what they do. */
  static final Map<String, Map<String, String>> DEFAULTS = Map.of(
      "markov", Map.of("order", "1"),
      "time_decay", Map.of("half_life", "7"),
      "position_based", Map.of("first", "0.4", "middle", "0.2", "last", "0.4"),
      "u_shaped", Map.of("first", "0.4", "middle", "0.2", "last", "0.4"),
      "j_shaped", Map.of("first", "0.2", "middle", "0.2", "last", "0.6"),
      "inverse_j", Map.of("first", "0.6", "middle", "0.2", "last", "0.2"),
      "w_shaped", Map.of("first", "0.3", "milestone", "0.3", "last", "0.3", "rest", "0.1", "milestone_types", "lead"),
      "last_non_direct", Map.of("direct", "direct|(direct)"),
      "shapley", Map.of("cap", "20", "samples", "10000", "seed", "1"));

  private final String url;
  private final String user;
  private final String password;
  private final long[] channelIds;
  private final long[] modelIds;
  private final Timestamp calculatedAt;

  private JdbcResults(String url, String user, String password, long[] channelIds, long[] modelIds,
      Timestamp calculatedAt) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.channelIds = channelIds;
    this.modelIds = modelIds;
    this.calculatedAt = calculatedAt;
  }

  static Connection connect(String url, String user, String password) throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("reWriteBatchedInserts", "true");
    properties.setProperty("ApplicationName", "nexus-spark");
    return DriverManager.getConnection(url, properties);
  }

  /**
   * Checks on the driver, before any work, that the database answers and holds the service's tables.
   *
   * @throws JobException saying what is wrong
   */
  static void check(String url, String user, String password) {
    try (Connection connection = connect(url, user, password); Statement s = connection.createStatement()) {
      for (String table : List.of("journeys", "channels", "attribution_models", "attribution_results")) {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0")) {
          rs.next();
        } catch (SQLException e) {
          throw new JobException("--jdbc-url " + url + ": no table " + table + " (is it the service's database, "
              + "migrated by the service's Flyway scripts?): " + e.getMessage(), e);
        }
      }
    } catch (SQLException e) {
      throw new JobException("--jdbc-url " + url + ": cannot connect: " + e.getMessage(), e);
    }
  }

  /**
   * Resolves the catalogue on the driver: the id of every channel of {@code channels} (added by name when missing) and
   * of every model (found by type and parameters, added when missing).
   */
  static JdbcResults prepare(String url, String user, String password, ChannelDictionary channels,
      List<AttributionModel> models, Instant runStart) throws SQLException {
    try (Connection connection = connect(url, user, password)) {
      connection.setAutoCommit(false);
      long[] channelIds = channelIds(connection, channels);
      long[] modelIds = new long[models.size()];
      for (int m = 0; m < models.size(); m++) {
        modelIds[m] = modelId(connection, models.get(m).spec());
      }
      connection.commit();
      return new JdbcResults(url, user, password, channelIds, modelIds, Timestamp.from(runStart));
    }
  }

  private static long[] channelIds(Connection connection, ChannelDictionary channels) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO channels (name, channel_type, description)"
        + " VALUES (?, 'other', 'Added by nexus-spark: seen in attributed journeys') ON CONFLICT (name) DO NOTHING")) {
      for (String name : channels.names()) {
        if (name.length() > 200) {
          throw new JobException("--jdbc-url: channel name longer than the service's 200 characters: " + name);
        }
        insert.setString(1, name);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    Map<String, Long> ids = new HashMap<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name FROM channels")) {
      while (rs.next()) {
        ids.put(rs.getString(2), rs.getLong(1));
      }
    }
    long[] byChannel = new long[channels.size()];
    for (int c = 0; c < byChannel.length; c++) {
      byChannel[c] = ids.get(channels.name(c));
    }
    return byChannel;
  }

  /** The id of the service's model that does what {@code spec} does, added when there is none. */
  static long modelId(Connection connection, ModelSpec spec) throws SQLException {
    String type = spec.type().equals("u_shaped") ? "position_based" : spec.type();
    Map<String, String> wanted = effective(type, spec.parameters());
    List<String> names = new ArrayList<>();
    try (PreparedStatement find = connection.prepareStatement("SELECT id, name, time_decay_halflife_days,"
        + " position_weights, custom_rules, ml_parameters FROM attribution_models WHERE model_type = ? ORDER BY id")) {
      find.setString(1, type);
      try (ResultSet rs = find.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(2));
          Map<String, String> stored = new LinkedHashMap<>();
          BigDecimal halfLife = rs.getBigDecimal(3);
          if (halfLife != null) {
            stored.put("half_life", halfLife.toPlainString());
          }
          for (int column = 4; column <= 6; column++) {
            stored.putAll(flatJson(rs.getString(column)));
          }
          if (sameParameters(wanted, effective(type, stored))) {
            return rs.getLong(1);
          }
        }
      }
    }
    String name = spec.label();
    if (nameTaken(connection, name)) {
      name = name + " (nexus-spark)";
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO attribution_models (name, model_type,"
        + " description, time_decay_halflife_days, position_weights, custom_rules, ml_parameters)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
      insert.setString(1, name);
      insert.setString(2, type);
      insert.setString(3, "Added by nexus-spark for " + spec.label());
      Map<String, String> given = new LinkedHashMap<>(spec.parameters());
      String halfLife = given.remove("half_life");
      insert.setBigDecimal(4, halfLife == null ? null : new BigDecimal(halfLife));
      boolean positional = List.of("position_based", "j_shaped", "inverse_j").contains(type);
      insert.setString(5, positional && !given.isEmpty() ? json(given) : null);
      insert.setString(6, type.equals("w_shaped") && !given.isEmpty() ? json(given) : null);
      insert.setString(7, !positional && !type.equals("w_shaped") && !given.isEmpty() ? json(given) : null);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static boolean nameTaken(Connection connection, String name) throws SQLException {
    try (PreparedStatement find = connection.prepareStatement("SELECT 1 FROM attribution_models WHERE name = ?")) {
      find.setString(1, name);
      try (ResultSet rs = find.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static Map<String, String> effective(String type, Map<String, String> given) {
    Map<String, String> all = new HashMap<>(DEFAULTS.getOrDefault(type, Map.of()));
    given.forEach((k, v) -> all.put(k.toLowerCase(Locale.ROOT), v));
    return all;
  }

  private static boolean sameParameters(Map<String, String> a, Map<String, String> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<String, String> e : a.entrySet()) {
      String x = e.getValue().strip();
      String y = b.get(e.getKey()).strip();
      try {
        if (new BigDecimal(x).compareTo(new BigDecimal(y)) != 0) {
          return false;
        }
      } catch (NumberFormatException notNumbers) {
        if (!x.equalsIgnoreCase(y)) {
          return false;
        }
      }
    }
    return true;
  }

  private static final Pattern PAIR =
      Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[-+0-9.eE]+|true|false)");

  /** The name/value pairs of a flat JSON object such as {@code {"order": 1}}; empty for null or anything else. */
  static Map<String, String> flatJson(String json) {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (json == null) {
      return pairs;
    }
    Matcher m = PAIR.matcher(json);
    while (m.find()) {
      pairs.put(m.group(1).toLowerCase(Locale.ROOT), m.group(3) != null ? m.group(3) : m.group(2));
    }
    return pairs;
  }

  private static String json(Map<String, String> parameters) {
    List<String> pairs = new ArrayList<>();
    parameters.forEach((k, v) -> {
      boolean number;
      try {
        new BigDecimal(v);
        number = true;
      } catch (NumberFormatException e) {
        number = false;
      }
      pairs.add("\"" + k + "\": " + (number ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
    });
    return "{" + String.join(", ", pairs) + "}";
  }

  /**
   * Writes the converting journeys of {@code chunks} and their credits under every fit, one transaction per chunk.
   *
   * @param global the job's dictionary, whose ids {@link #channelIds} follows
   */
  void write(Iterator<JourneyChunk> chunks, List<FittedModel> fits, ChannelDictionary global,
      LongAccumulator journeysWritten, LongAccumulator resultsWritten) throws SQLException {
    ChannelDictionary dictionary = global.copy();
    try (Connection connection = connect(url, user, password)) {
      connection.setAutoCommit(false);
      while (chunks.hasNext()) {
        JourneyChunk chunk = chunks.next();
        JourneyBatch batch = chunk.batch.withChannels(dictionary);
        try {
          long[] journeyIds = insertJourneys(connection, batch);
          long results = insertResults(connection, batch, chunk.touchCosts, journeyIds, fits);
          connection.commit();
          long journeys = 0;
          for (long id : journeyIds) {
            journeys += id > 0 ? 1 : 0;
          }
          journeysWritten.add(journeys);
          resultsWritten.add(results);
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        }
      }
    }
  }

  /** Inserts the rows that converted and have touches; their database ids by row, 0 for rows not written. */
  private static long[] insertJourneys(Connection connection, JourneyBatch batch) throws SQLException {
    long[] ids = new long[batch.size()];
    List<Integer> rows = new ArrayList<>();
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO journeys (user_id, session_id,"
        + " start_time, end_time, total_touchpoints, conversion_value, has_conversion, journey_duration_minutes)"
        + " VALUES (?, ?, ?, ?, ?, ?, TRUE, ?)", new String[] {"id"})) {
      for (int row = 0; row < batch.size(); row++) {
        if (batch.length(row) == 0 || batch.conversions(row) == 0) {
          continue;
        }
        JourneyId journey = batch.journeyId(row);
        String journeyId = journey.toString();
        String userId = journey.user();
        long start = batch.time(batch.start(row));
        long end = Math.max(batch.conversionTime(row), batch.time(batch.end(row) - 1));
        insert.setString(1, userId);
        insert.setString(2, journeyId.length() <= 200 ? journeyId : null);
        insert.setTimestamp(3, new Timestamp(start));
        insert.setTimestamp(4, new Timestamp(end));
        insert.setInt(5, batch.length(row));
        insert.setBigDecimal(6, value(batch, row));
        insert.setBigDecimal(7, BigDecimal.valueOf(end - start).divide(BigDecimal.valueOf(60_000), 2,
            RoundingMode.HALF_UP));
        insert.addBatch();
        rows.add(row);
        if (rows.size() % BATCH == 0) {
          keys(insert, rows, ids);
        }
      }
      keys(insert, rows, ids);
    }
    return ids;
  }

  private static void keys(PreparedStatement insert, List<Integer> rows, long[] ids) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    insert.executeBatch();
    try (ResultSet keys = insert.getGeneratedKeys()) {
      for (int row : rows) {
        if (!keys.next()) {
          throw new SQLException("the database returned fewer journey ids than journeys inserted");
        }
        ids[row] = keys.getLong(1);
      }
    }
    rows.clear();
  }

  /** The journey's conversion value at the scale the service stores (4 places at most, 2 at least). */
  private static BigDecimal value(JourneyBatch batch, int row) {
    BigDecimal value = BigDecimal.valueOf(batch.value(row));
    return value.setScale(Math.max(2, Math.min(4, value.scale())), RoundingMode.HALF_EVEN);
  }

  private long insertResults(Connection connection, JourneyBatch batch, double[] touchCosts, long[] journeyIds,
      List<FittedModel> fits) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO attribution_results (journey_id,"
        + " attribution_model_id, channel_id, credit, attributed_revenue, attributed_conversions, channel_cost,"
        + " roi, roas, calculated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ResultRows rows = new ResultRows(insert, batch, touchCosts, journeyIds);
      for (int m = 0; m < fits.size(); m++) {
        FittedModel fit = fits.get(m);
        rows.model(modelIds[m], fit.additive());
        try {
          Attribution.forEachCredit(fit, batch, rows::accept);
        } catch (UncheckedSql e) {
          throw e.getCause();
        }
        rows.flushRow();
      }
      rows.flushBatch();
      return rows.written;
    }
  }

  /** A SQL failure inside a credit callback, which cannot throw checked exceptions. */
  private static final class UncheckedSql extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedSql(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  /** Collects one journey's channel credits under one model, then inserts them with exact values. */
  private final class ResultRows {
    private final PreparedStatement insert;
    private final JourneyBatch batch;
    private final double[] touchCosts;
    private final long[] journeyIds;
    private final int[] channels;
    private final double[] credits;
    private final double[] attributedConversions;
    private int size;
    private int row = -1;
    private long modelId;
    private boolean additive;
    private int pending;
    long written;

    ResultRows(PreparedStatement insert, JourneyBatch batch, double[] touchCosts, long[] journeyIds) {
      this.insert = insert;
      this.batch = batch;
      this.touchCosts = touchCosts;
      this.journeyIds = journeyIds;
      this.channels = new int[Math.max(1, batch.maxLength())];
      this.credits = new double[channels.length];
      this.attributedConversions = new double[channels.length];
    }

    void model(long id, boolean isAdditive) {
      modelId = id;
      additive = isAdditive;
    }

    /** One channel's credit; its value is split from the journey's exact value when the row is flushed. */
    void accept(int journeyRow, int channel, double credit, double conversions, double value) {
      try {
        if (journeyRow != row) {
          flushRow();
          row = journeyRow;
        }
        channels[size] = channel;
        attributedConversions[size] = conversions;
        credits[size++] = credit;
      } catch (SQLException e) {
        throw new UncheckedSql(e);
      }
    }

    void flushRow() throws SQLException {
      if (row < 0 || size == 0 || journeyIds[row] == 0) {
        size = 0;
        row = -1;
        return;
      }
      BigDecimal value = value(batch, row);
      double[] fractions = java.util.Arrays.copyOf(credits, size);
      BigDecimal[] values;
      if (additive) {
        values = Attribution.splitExactly(value, fractions);
      } else {
        values = new BigDecimal[size];
        java.util.Arrays.fill(values, value);
      }
      for (int k = 0; k < size; k++) {
        insert.setLong(1, journeyIds[row]);
        insert.setLong(2, modelId);
        insert.setLong(3, channelIds[channels[k]]);
        insert.setBigDecimal(4, new BigDecimal(credits[k]).setScale(12, RoundingMode.HALF_EVEN));
        insert.setBigDecimal(5, values[k].setScale(4, RoundingMode.HALF_EVEN));
        insert.setBigDecimal(6, new BigDecimal(attributedConversions[k]).setScale(12, RoundingMode.HALF_EVEN));
        BigDecimal revenue = values[k].setScale(4, RoundingMode.HALF_EVEN);
        BigDecimal cost = BigDecimal.valueOf(cost(channels[k])).setScale(4, RoundingMode.HALF_EVEN);
        insert.setBigDecimal(7, cost);
        // ROI and ROAS as the service stores them: (revenue − cost) / cost × 100 and revenue / cost, NULL for free.
        insert.setBigDecimal(8, cost.signum() == 0 ? null
            : revenue.subtract(cost).multiply(BigDecimal.valueOf(100)).divide(cost, 4, RoundingMode.HALF_UP));
        insert.setBigDecimal(9, cost.signum() == 0 ? null : revenue.divide(cost, 6, RoundingMode.HALF_UP));
        insert.setTimestamp(10, calculatedAt);
        insert.addBatch();
        written++;
        if (++pending == BATCH) {
          flushBatch();
        }
      }
      size = 0;
      row = -1;
    }

    /** What the journey's touches on {@code channel} cost; 0 when costs were not kept. */
    private double cost(int channel) {
      if (touchCosts == null) {
        return 0;
      }
      double sum = 0;
      for (int t = batch.start(row); t < batch.end(row); t++) {
        if (batch.channel(t) == channel) {
          sum += touchCosts[t];
        }
      }
      return sum;
    }

    void flushBatch() throws SQLException {
      if (pending > 0) {
        insert.executeBatch();
        pending = 0;
      }
    }
  }

  /**
   * Removes what a failed run wrote: the journeys behind results stamped with the run's time (their results go with
   * them, on delete cascade).
   */
  void removeRun() throws SQLException {
    try (Connection connection = connect(url, user, password);
        PreparedStatement delete = connection.prepareStatement("DELETE FROM journeys WHERE id IN (SELECT journey_id"
            + " FROM attribution_results WHERE calculated_at = ?)")) {
      delete.setTimestamp(1, calculatedAt);
      delete.executeUpdate();
    }
  }

  /** The time every result of this run is stamped with, which identifies the run in the database. */
  Instant calculatedAt() {
    return calculatedAt.toInstant();
  }
}
