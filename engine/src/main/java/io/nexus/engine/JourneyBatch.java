package io.nexus.engine;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Many journeys (or aggregated paths) stored column by column, the form every model reads; immutable once built and
 * safe to read from many threads.
 *
 * <p>A row is a path of touches with its number of conversions, their value and its number of nulls (journeys that
 * took the path and did not convert). A single journey is a row with one or more conversions and no null, or no
 * conversion and one null; a line of ChannelAttribution's path file is a row with any counts. The touches of row
 * {@code r} are the indexes {@code start(r) .. end(r)-1} of the touch columns. Touch times and types are optional:
 * path files have neither.
 *
 * <p>Each conversion is credited from the touches at or before it. A row stands for one or more <em>converting
 * paths</em> ({@link #paths}): usually one, the whole row with its counts; a journey with conversions at several
 * times, or with touches after its conversion, stands for one path per conversion time, each the touches up to that
 * time (a prefix of the row) with that time's conversions and value. Models credit paths; the row's credits are its
 * paths' credits added up.
 */
public final class JourneyBatch implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The time stored for touches and conversions whose time is unknown. */
  public static final long NO_TIME = Long.MIN_VALUE;

  private final ChannelDictionary channels;
  private final int size;
  private final int[] offsets;
  private final int[] touchChannels;
  private final long[] touchTimes;
  private final int[] touchTypes;
  private final String[] typeNames;
  private final double[] conversions;
  private final double[] values;
  private final double[] nulls;
  private final long[] conversionTimes;
  private final JourneyId[] journeyIds;
  // Rows that stand for several converting paths (or for fewer touches than they hold) keep them here: row r's paths
  // are pathOffsets[r] .. pathOffsets[r+1]-1; a row with none stored is one path, itself. Null when no row needs it.
  private final int[] pathOffsets;
  private final int[] pathLengths;
  private final double[] pathConversions;
  private final double[] pathValues;
  private final long[] pathTimes;
  private final int maxLength;

  private JourneyBatch(Builder b) {
    // The builder hands its columns over (it refuses rows afterwards); they are trimmed only when much too large, so
    // a big batch built with a size hint is never copied whole.
    this.channels = b.channels;
    this.size = b.size;
    this.offsets = fit(b.offsets, b.size + 1);
    this.touchChannels = fit(b.touchChannels, b.touchCount);
    this.touchTimes = b.timed ? fit(b.touchTimes, b.touchCount) : null;
    this.touchTypes = b.typed ? fit(b.touchTypes, b.touchCount) : null;
    this.typeNames = b.typeNames.toArray(String[]::new);
    this.conversions = fit(b.conversions, b.size);
    this.values = fit(b.values, b.size);
    this.nulls = fit(b.nulls, b.size);
    this.conversionTimes = b.timed ? fit(b.conversionTimes, b.size) : null;
    this.journeyIds = b.identified ? Arrays.copyOf(b.journeyIds, b.size) : null;
    this.pathOffsets = b.pathOffsets == null ? null : Arrays.copyOf(b.pathOffsets, b.size + 1);
    this.pathLengths = b.pathOffsets == null ? null : Arrays.copyOf(b.pathLengths, b.pathCount);
    this.pathConversions = b.pathOffsets == null ? null : Arrays.copyOf(b.pathConversions, b.pathCount);
    this.pathValues = b.pathOffsets == null ? null : Arrays.copyOf(b.pathValues, b.pathCount);
    this.pathTimes = b.pathOffsets == null ? null : Arrays.copyOf(b.pathTimes, b.pathCount);
    this.maxLength = b.maxLength;
  }

  private JourneyBatch(JourneyBatch other, ChannelDictionary channels, int[] touchChannels) {
    this.channels = channels;
    this.size = other.size;
    this.offsets = other.offsets;
    this.touchChannels = touchChannels;
    this.touchTimes = other.touchTimes;
    this.touchTypes = other.touchTypes;
    this.typeNames = other.typeNames;
    this.conversions = other.conversions;
    this.values = other.values;
    this.nulls = other.nulls;
    this.conversionTimes = other.conversionTimes;
    this.journeyIds = other.journeyIds;
    this.pathOffsets = other.pathOffsets;
    this.pathLengths = other.pathLengths;
    this.pathConversions = other.pathConversions;
    this.pathValues = other.pathValues;
    this.pathTimes = other.pathTimes;
    this.maxLength = other.maxLength;
  }

  private JourneyBatch(JourneyBatch other, double[] conversions, double[] values, double[] nulls,
      double[] pathConversions, double[] pathValues) {
    this.channels = other.channels;
    this.size = other.size;
    this.offsets = other.offsets;
    this.touchChannels = other.touchChannels;
    this.touchTimes = other.touchTimes;
    this.touchTypes = other.touchTypes;
    this.typeNames = other.typeNames;
    this.conversions = conversions;
    this.values = values;
    this.nulls = nulls;
    this.conversionTimes = other.conversionTimes;
    this.journeyIds = other.journeyIds;
    this.pathOffsets = other.pathOffsets;
    this.pathLengths = other.pathLengths;
    this.pathConversions = pathConversions;
    this.pathValues = pathValues;
    this.pathTimes = other.pathTimes;
    this.maxLength = other.maxLength;
  }

  private static int[] fit(int[] column, int used) {
    return column.length > used + used / 4 + 16 ? Arrays.copyOf(column, used) : column;
  }

  private static long[] fit(long[] column, int used) {
    return column.length > used + used / 4 + 16 ? Arrays.copyOf(column, used) : column;
  }

  private static double[] fit(double[] column, int used) {
    return column.length > used + used / 4 + 16 ? Arrays.copyOf(column, used) : column;
  }

  /** A builder of a batch whose channel ids come from {@code channels}. */
  public static Builder builder(ChannelDictionary channels) {
    return new Builder(channels);
  }

  /**
   * A builder sized for about {@code rows} rows and {@code touches} touches, so that a large batch is filled without
   * growing and copying its columns.
   */
  public static Builder builder(ChannelDictionary channels, int rows, int touches) {
    Builder builder = new Builder(channels);
    builder.offsets = new int[Math.max(2, rows + 1)];
    builder.conversions = new double[Math.max(1, rows)];
    builder.values = new double[Math.max(1, rows)];
    builder.nulls = new double[Math.max(1, rows)];
    builder.touchChannels = new int[Math.max(1, touches)];
    return builder;
  }

  /** A batch of the given journeys, with a new channel dictionary. */
  public static JourneyBatch of(List<Journey> journeys) {
    return of(journeys, new ChannelDictionary());
  }

  /** A batch of the given journeys whose channel ids come from {@code channels}. */
  public static JourneyBatch of(List<Journey> journeys, ChannelDictionary channels) {
    int touches = 0;
    for (Journey journey : journeys) {
      touches += journey.touchpoints().size();
    }
    Builder builder = builder(channels, journeys.size(), touches);
    for (Journey journey : journeys) {
      builder.addJourney(journey);
    }
    return builder.build();
  }

  /**
   * This batch with its channel ids taken from {@code target}, which gains any channel it lacks: how batches built
   * apart, such as a cluster's partitions, come to share one dictionary. Only the channel column is copied; the others
   * are shared, as the batch is immutable.
   */
  public JourneyBatch withChannels(ChannelDictionary target) {
    if (target == channels) {
      return this;
    }
    int[] map = new int[channels.size()];
    for (int id = 0; id < map.length; id++) {
      map[id] = target.idOf(channels.channel(id));
    }
    int touches = offsets[size];
    int[] remapped = new int[touches];
    for (int t = 0; t < touches; t++) {
      remapped[t] = map[touchChannels[t]];
    }
    return new JourneyBatch(this, target, remapped);
  }

  /**
   * This batch with row {@code r}'s conversions and value (those of each of its converting paths too) multiplied by
   * {@code conversionWeights[r]} and its nulls by {@code nullWeights[r]}: how a bootstrap replicate re-weights the data
   * without reading or building it again. Only the count columns are new; the touch columns are shared, as the batch
   * is immutable. The weight arrays are read, not kept.
   *
   * @throws IllegalArgumentException when an array's length is not {@link #size()} or a weight is negative or not
   *     finite
   */
  public JourneyBatch reweighted(double[] conversionWeights, double[] nullWeights) {
    if (conversionWeights.length != size || nullWeights.length != size) {
      throw new IllegalArgumentException("one weight per row: expected " + size + ", got "
          + conversionWeights.length + " and " + nullWeights.length);
    }
    double[] newConversions = new double[size];
    double[] newValues = new double[size];
    double[] newNulls = new double[size];
    for (int row = 0; row < size; row++) {
      double wc = conversionWeights[row];
      double wn = nullWeights[row];
      if (!(wc >= 0) || !(wn >= 0) || Double.isInfinite(wc) || Double.isInfinite(wn)) {
        throw new IllegalArgumentException("row " + row + ": weights must be finite numbers >= 0: " + wc + ", " + wn);
      }
      newConversions[row] = conversions[row] * wc;
      newValues[row] = values[row] * wc;
      newNulls[row] = nulls[row] * wn;
    }
    double[] newPathConversions = null;
    double[] newPathValues = null;
    if (pathOffsets != null) {
      newPathConversions = pathConversions.clone();
      newPathValues = pathValues.clone();
      for (int row = 0; row < size; row++) {
        for (int p = pathOffsets[row]; p < pathOffsets[row + 1]; p++) {
          newPathConversions[p] *= conversionWeights[row];
          newPathValues[p] *= conversionWeights[row];
        }
      }
    }
    return new JourneyBatch(this, newConversions, newValues, newNulls, newPathConversions, newPathValues);
  }

  /**
   * This batch of untimed paths with new counts: row {@code r} gets {@code conversions[r]}, {@code values[r]} and
   * {@code nulls[r]}; the touch columns are shared. How a bootstrap replicate of distinct paths is made from counts
   * drawn afresh. The arrays are taken over, not copied, so that a caller drawing many replicates one after another
   * can re-use them: it must not change them while this batch, or anything computed from it lazily, is in use.
   *
   * @throws IllegalStateException when the batch holds journeys (use {@link #reweighted})
   * @throws IllegalArgumentException when an array's length is not {@link #size()} or a count is negative or not
   *     finite
   */
  public JourneyBatch withCounts(double[] conversions, double[] values, double[] nulls) {
    if (hasTimes() || pathOffsets != null) {
      throw new IllegalStateException("journeys are re-weighted as a whole with reweighted, not given new counts");
    }
    if (conversions.length != size || values.length != size || nulls.length != size) {
      throw new IllegalArgumentException("one count per row: expected " + size);
    }
    for (int row = 0; row < size; row++) {
      Builder.checkCount("conversions", conversions[row]);
      Builder.checkCount("value", values[row]);
      Builder.checkCount("nulls", nulls[row]);
    }
    return new JourneyBatch(this, conversions, values, nulls, null, null);
  }

  /**
   * This batch of paths with {@code transform} applied to every row, counts kept, in the same dictionary. Only for
   * rows without touch times (path files): journeys are transformed as they are built, where the times are known.
   *
   * @throws IllegalStateException when the batch has touch times
   */
  public JourneyBatch transformed(PathTransform transform) {
    if (transform == PathTransform.UNIQUE) {
      return this;
    }
    if (hasTimes()) {
      throw new IllegalStateException("journeys are transformed by the journey builder, not as rows of a batch");
    }
    Builder builder = builder(channels, size, touchCount());
    int[] path = new int[Math.max(1, maxLength())];
    for (int row = 0; row < size; row++) {
      int from = start(row);
      int length = length(row);
      System.arraycopy(touchChannels, from, path, 0, length);
      builder.addPath(path, 0, transform.apply(path, 0, length, path), conversions(row), value(row), nulls(row));
    }
    return builder.build();
  }

  /** The dictionary that names this batch's channel ids. */
  public ChannelDictionary channels() {
    return channels;
  }

  /** The number of rows. */
  public int size() {
    return size;
  }

  /** The total number of touches over all rows. */
  public int touchCount() {
    return offsets[size];
  }

  /** The index of row {@code row}'s first touch. */
  public int start(int row) {
    return offsets[row];
  }

  /** One past the index of row {@code row}'s last touch. */
  public int end(int row) {
    return offsets[row + 1];
  }

  /** The number of touches in row {@code row}. */
  public int length(int row) {
    return offsets[row + 1] - offsets[row];
  }

  /** The length of the longest row, the size a caller's scratch array for touch shares needs. */
  public int maxLength() {
    return maxLength;
  }

  /** The channel id of touch {@code touch}. */
  public int channel(int touch) {
    return touchChannels[touch];
  }

  /** Whether touches and conversions carry times (journeys do, path files do not). */
  public boolean hasTimes() {
    return touchTimes != null;
  }

  /** The time of touch {@code touch} in epoch milliseconds, or {@link #NO_TIME}. */
  public long time(int touch) {
    return touchTimes == null ? NO_TIME : touchTimes[touch];
  }

  /** The type of touch {@code touch}, such as {@code click}, or {@code null} when the batch has no types. */
  public String type(int touch) {
    return touchTypes == null ? null : typeNames[touchTypes[touch]];
  }

  /** The number of conversions on row {@code row}, credited or not. */
  public double conversions(int row) {
    return conversions[row];
  }

  /** The total value of the conversions on row {@code row}, credited or not. */
  public double value(int row) {
    return values[row];
  }

  /** The number of journeys on row {@code row} that took its path and did not convert. */
  public double nulls(int row) {
    return nulls[row];
  }

  /** The time of row {@code row}'s last conversion in epoch milliseconds, or {@link #NO_TIME}. */
  public long conversionTime(int row) {
    return conversionTimes == null ? NO_TIME : conversionTimes[row];
  }

  /** The journey id of row {@code row}, or {@code null} for aggregated paths. */
  public JourneyId journeyId(int row) {
    return journeyIds == null ? null : journeyIds[row];
  }

  /**
   * Whether row {@code row} is a single converting path, all its touches credited for all its conversions: true for
   * every path-file row and for every journey whose conversions happened at one time after all its touches.
   */
  public boolean singlePath(int row) {
    return pathOffsets == null || pathOffsets[row + 1] == pathOffsets[row];
  }

  /** How many converting paths row {@code row} stands for: 1 unless it is a journey of several conversion times. */
  public int paths(int row) {
    return singlePath(row) ? 1 : pathOffsets[row + 1] - pathOffsets[row];
  }

  /**
   * The number of touches of path {@code path} of row {@code row}: its first touches, those at or before the path's
   * conversion time; 0 for conversions that no touch preceded.
   */
  public int pathLength(int row, int path) {
    return singlePath(row) ? length(row) : pathLengths[pathOffsets[row] + path];
  }

  /** The conversions of path {@code path} of row {@code row}. */
  public double pathConversions(int row, int path) {
    return singlePath(row) ? conversions[row] : pathConversions[pathOffsets[row] + path];
  }

  /** The value of path {@code path} of row {@code row}. */
  public double pathValue(int row, int path) {
    return singlePath(row) ? values[row] : pathValues[pathOffsets[row] + path];
  }

  /** The nulls of path {@code path} of row {@code row}: a journey's paths of several conversions have none. */
  public double pathNulls(int row, int path) {
    return singlePath(row) ? nulls[row] : 0;
  }

  /** The conversion time of path {@code path} of row {@code row} in epoch milliseconds, or {@link #NO_TIME}. */
  public long pathConversionTime(int row, int path) {
    return singlePath(row) ? conversionTime(row) : pathTimes[pathOffsets[row] + path];
  }

  /** Row {@code row}'s channel names in order, for messages and tests. */
  public List<String> path(int row) {
    List<String> path = new ArrayList<>(length(row));
    for (int i = start(row); i < end(row); i++) {
      path.add(channels.name(touchChannels[i]));
    }
    return path;
  }

  /** Collects rows column by column; not thread-safe. */
  public static final class Builder {
    private final ChannelDictionary channels;
    private int size;
    private int touchCount;
    private int maxLength;
    private int[] offsets = new int[1025];
    private int[] touchChannels = new int[4096];
    private long[] touchTimes = new long[0];
    private int[] touchTypes = new int[0];
    private double[] conversions = new double[1024];
    private double[] values = new double[1024];
    private double[] nulls = new double[1024];
    private long[] conversionTimes = new long[0];
    private JourneyId[] journeyIds = new JourneyId[0];
    private int[] pathOffsets;
    private int[] pathLengths;
    private double[] pathConversions;
    private double[] pathValues;
    private long[] pathTimes;
    private int pathCount;
    private boolean timed;
    private boolean typed;
    private boolean identified;
    private boolean built;
    private final List<String> typeNames = new ArrayList<>();
    private final Map<String, Integer> typeIds = new HashMap<>();

    private Builder(ChannelDictionary channels) {
      this.channels = channels;
    }

    /** The dictionary this builder takes channel ids from. */
    public ChannelDictionary channels() {
      return channels;
    }

    /** The number of rows added so far. */
    public int size() {
      return size;
    }

    /**
     * Adds a path of channel ids {@code path[from..to)} with its counts; the path is copied.
     *
     * @throws IllegalArgumentException when a count is negative or not finite
     */
    public Builder addPath(int[] path, int from, int to, double rowConversions, double rowValue, double rowNulls) {
      checkOpen();
      if (timed || typed || identified) {
        throw new IllegalStateException("a batch holds either journeys or untimed paths, not both");
      }
      checkCount("conversions", rowConversions);
      checkCount("value", rowValue);
      checkCount("nulls", rowNulls);
      int length = to - from;
      ensureRows();
      ensureTouches(length);
      System.arraycopy(path, from, touchChannels, touchCount, length);
      touchCount += length;
      finishRow(length, rowConversions, rowValue, rowNulls);
      return this;
    }

    /** Adds a path of channels known by their names alone, as in files, with its counts. */
    public Builder addPath(List<String> path, double rowConversions, double rowValue, double rowNulls) {
      int[] ids = new int[path.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = channels.idOf(path.get(i));
      }
      return addPath(ids, 0, ids.length, rowConversions, rowValue, rowNulls);
    }

    /**
     * Adds a journey: its touches with times and types, its conversions (or one null) and its id. A journey whose
     * conversions happened at several times, or that has touches after its last conversion, becomes one row that
     * stands for one converting path per conversion time (see {@link JourneyBatch#paths}).
     */
    public Builder addJourney(Journey journey) {
      checkOpen();
      if (size > 0 && !timed) {
        throw new IllegalStateException("a batch holds either journeys or untimed paths, not both");
      }
      if (!timed) {
        timed = typed = identified = true;
        touchTimes = new long[touchChannels.length];
        touchTypes = new int[touchChannels.length];
        conversionTimes = new long[conversions.length];
        journeyIds = new JourneyId[conversions.length];
      }
      List<Touchpoint> touches = journey.touchpoints();
      ensureRows();
      ensureTouches(touches.size());
      for (Touchpoint t : touches) {
        touchChannels[touchCount] = channels.idOf(t.channel());
        touchTimes[touchCount] = t.timestamp().toEpochMilli();
        touchTypes[touchCount] = typeIds.computeIfAbsent(t.type(), this::newType);
        touchCount++;
      }
      List<Conversion> converted = journey.conversions();
      BigDecimal value = journey.conversionValue();
      conversionTimes[size] = converted.isEmpty() ? NO_TIME : journey.conversionTime().toEpochMilli();
      journeyIds[size] = journey.id();
      if (!converted.isEmpty() && !creditedAtOnce(journey)) {
        addConvertingPaths(journey);
      }
      finishRow(touches.size(), converted.size(), value.doubleValue(), converted.isEmpty() ? 1 : 0);
      return this;
    }

    /** Whether all of a converting journey's conversions happened at one time, at or after every touch. */
    private static boolean creditedAtOnce(Journey journey) {
      List<Conversion> converted = journey.conversions();
      List<Touchpoint> touches = journey.touchpoints();
      Instant last = converted.get(converted.size() - 1).timestamp();
      return converted.get(0).timestamp().equals(last)
          && (touches.isEmpty() || !touches.get(touches.size() - 1).timestamp().isAfter(last));
    }

    /** Stores one converting path per conversion time of {@code journey}: the touches up to it, its conversions. */
    private void addConvertingPaths(Journey journey) {
      if (pathOffsets == null) {
        pathOffsets = new int[offsets.length];
        pathLengths = new int[16];
        pathConversions = new double[16];
        pathValues = new double[16];
        pathTimes = new long[16];
      }
      List<Conversion> converted = journey.conversions();
      int i = 0;
      while (i < converted.size()) {
        Instant at = converted.get(i).timestamp();
        int count = 0;
        BigDecimal value = BigDecimal.ZERO;
        for (; i < converted.size() && converted.get(i).timestamp().equals(at); i++) {
          count++;
          value = value.add(converted.get(i).revenue());
        }
        if (pathCount == pathLengths.length) {
          int capacity = pathCount * 2;
          pathLengths = Arrays.copyOf(pathLengths, capacity);
          pathConversions = Arrays.copyOf(pathConversions, capacity);
          pathValues = Arrays.copyOf(pathValues, capacity);
          pathTimes = Arrays.copyOf(pathTimes, capacity);
        }
        pathLengths[pathCount] = journey.touchesUntil(at);
        pathConversions[pathCount] = count;
        pathValues[pathCount] = value.doubleValue();
        pathTimes[pathCount] = at.toEpochMilli();
        pathCount++;
      }
    }

    private int newType(String name) {
      typeNames.add(name);
      return typeNames.size() - 1;
    }

    private static void checkCount(String what, double count) {
      if (!(count >= 0) || Double.isInfinite(count)) {
        throw new IllegalArgumentException(what + " must be a finite number >= 0: " + count);
      }
    }

    private void finishRow(int length, double rowConversions, double rowValue, double rowNulls) {
      conversions[size] = rowConversions;
      values[size] = rowValue;
      nulls[size] = rowNulls;
      size++;
      offsets[size] = touchCount;
      if (pathOffsets != null) {
        pathOffsets[size] = pathCount;
      }
      maxLength = Math.max(maxLength, length);
    }

    private void ensureRows() {
      if (size + 2 > offsets.length) {
        int capacity = offsets.length * 2;
        offsets = Arrays.copyOf(offsets, capacity);
        conversions = Arrays.copyOf(conversions, capacity);
        values = Arrays.copyOf(values, capacity);
        nulls = Arrays.copyOf(nulls, capacity);
        if (timed) {
          conversionTimes = Arrays.copyOf(conversionTimes, capacity);
          journeyIds = Arrays.copyOf(journeyIds, capacity);
        }
        if (pathOffsets != null) {
          pathOffsets = Arrays.copyOf(pathOffsets, capacity);
        }
      }
    }

    private void ensureTouches(int more) {
      if (touchCount + more > touchChannels.length) {
        int capacity = Math.max(touchChannels.length * 2, touchCount + more);
        touchChannels = Arrays.copyOf(touchChannels, capacity);
        if (timed) {
          touchTimes = Arrays.copyOf(touchTimes, capacity);
          touchTypes = Arrays.copyOf(touchTypes, capacity);
        }
      }
    }

    /** The batch of every row added; the builder is spent and refuses further rows. */
    public JourneyBatch build() {
      checkOpen();
      built = true;
      return new JourneyBatch(this);
    }

    private void checkOpen() {
      if (built) {
        throw new IllegalStateException("the batch was already built");
      }
    }

    /**
     * Adds every row of the untimed path batch {@code other}, mapping its channel ids through their channels into this
     * builder's dictionary: how partial batches (file chunks, partitions) become one.
     */
    public Builder addAll(JourneyBatch other) {
      if (other.hasTimes()) {
        throw new IllegalArgumentException("addAll takes untimed path batches; add journeys with addJourney");
      }
      int[] map = new int[other.channels.size()];
      for (int id = 0; id < map.length; id++) {
        map[id] = channels.idOf(other.channels.channel(id));
      }
      int[] path = new int[Math.max(1, other.maxLength)];
      for (int row = 0; row < other.size; row++) {
        int from = other.offsets[row];
        int n = other.offsets[row + 1] - from;
        for (int i = 0; i < n; i++) {
          path[i] = map[other.touchChannels[from + i]];
        }
        addPath(path, 0, n, other.conversions[row], other.values[row], other.nulls[row]);
      }
      return this;
    }
  }
}
