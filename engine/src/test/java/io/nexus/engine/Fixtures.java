package io.nexus.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small builders that keep the worked examples readable. */
public final class Fixtures {
  public static final Instant T0 = Instant.parse("2025-01-31T12:00:00Z");

  private Fixtures() {}

  /** A row written as {@code "A > B > A", conversions, value, nulls}. */
  public record Row(String path, double conversions, double value, double nulls) {}

  public static Row row(String path, double conversions, double nulls) {
    return new Row(path, conversions, conversions, nulls);
  }

  public static Row row(String path, double conversions, double value, double nulls) {
    return new Row(path, conversions, value, nulls);
  }

  /** An untimed batch of aggregated paths. */
  public static JourneyBatch paths(Row... rows) {
    JourneyBatch.Builder builder = JourneyBatch.builder(new ChannelDictionary());
    for (Row r : rows) {
      List<String> channels = r.path().isBlank() ? List.of()
          : Arrays.stream(r.path().split(">")).map(String::strip).toList();
      builder.addPath(channels, r.conversions(), r.value(), r.nulls());
    }
    return builder.build();
  }

  /** A journey of touches {@code days} days before one purchase of {@code value}; {@code types} may be null. */
  public static Journey journey(String id, String[] channels, double[] daysBefore, String[] types, String value) {
    List<Touchpoint> touches = new ArrayList<>();
    for (int i = 0; i < channels.length; i++) {
      Instant at = T0.minus(Duration.ofMillis(Math.round(daysBefore[i] * 86_400_000)));
      touches.add(Touchpoint.of(channels[i], at, types == null ? null : types[i], BigDecimal.ZERO));
    }
    List<Conversion> conversions = value == null ? List.of() : List.of(Conversion.of(T0, new BigDecimal(value)));
    return new Journey(JourneyId.of("user-" + id, 1), "user-" + id, touches, conversions);
  }

  /** A journey of touches one day apart, the last a day before one purchase of {@code value}. */
  public static Journey journey(String id, String value, String... channels) {
    double[] days = new double[channels.length];
    for (int i = 0; i < channels.length; i++) {
      days[i] = channels.length - i;
    }
    return journey(id, channels, days, null, value);
  }

  /** The model built from {@code spec} fitted on {@code batch}. */
  public static FittedModel fit(String spec, JourneyBatch batch) {
    return Models.create(spec).fit(batch);
  }

  /** The totals of {@code spec} on {@code batch} as {@link Attribution#run} gives them. */
  public static ChannelTotals totals(String spec, JourneyBatch batch) {
    return Attribution.run(batch, List.of(Models.create(spec))).get(0);
  }

  /** Row {@code row}'s touch shares. */
  public static double[] shares(FittedModel model, JourneyBatch batch, int row) {
    double[] out = new double[Math.max(1, batch.maxLength())];
    model.touchShares(batch, row, out);
    return Arrays.copyOf(out, batch.length(row));
  }
}
