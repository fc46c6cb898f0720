package io.nexus.engine.journey;

import io.nexus.engine.Channel;
import io.nexus.engine.Conversion;
import io.nexus.engine.Journey;
import io.nexus.engine.JourneyId;
import io.nexus.engine.PathTransform;
import io.nexus.engine.Touchpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Cuts users' raw events into journeys; immutable and thread-safe.
 *
 * <p>Per user, events are taken in time order (a touch before a conversion at the same instant). Each conversion
 * closes a journey holding the touches since the previous conversion that fall within the lookback window before it;
 * conversions at the same instant share one journey. Touches older than the window are dropped, not turned into
 * nulls: they did lead to a conversion, just too long ago to count. The touches left after a user's last conversion
 * form one journey without conversion (a null), again limited to the lookback window before its last touch. Channels
 * come from the event or from the channel grouping; the path transform is applied last.
 */
public final class JourneyBuilder {
  private final Duration lookback;
  private final PathTransform transform;
  private final ChannelGrouping grouping;
  // One Channel per distinct name, made the first time the name is seen rather than once per touch.
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();

  private JourneyBuilder(Duration lookback, PathTransform transform, ChannelGrouping grouping) {
    if (lookback.isNegative() || lookback.isZero()) {
      throw new IllegalArgumentException("lookback must be positive: " + lookback);
    }
    this.lookback = lookback;
    this.transform = Objects.requireNonNull(transform, "transform");
    this.grouping = Objects.requireNonNull(grouping, "grouping");
  }

  /** A builder with a 30-day lookback, no path transform and GA4's default channel groups. */
  public static JourneyBuilder defaults() {
    return new JourneyBuilder(Duration.ofDays(30), PathTransform.UNIQUE, ChannelGrouping.ga4());
  }

  /** This builder with another lookback window. */
  public JourneyBuilder lookback(Duration window) {
    return new JourneyBuilder(window, transform, grouping);
  }

  /** This builder with a lookback window of {@code days} days. */
  public JourneyBuilder lookbackDays(double days) {
    return lookback(Duration.ofMillis(Math.round(days * 86_400_000.0)));
  }

  /** This builder with another path transform. */
  public JourneyBuilder transform(PathTransform pathTransform) {
    return new JourneyBuilder(lookback, pathTransform, grouping);
  }

  /** This builder with another channel grouping. */
  public JourneyBuilder grouping(ChannelGrouping channelGrouping) {
    return new JourneyBuilder(lookback, transform, channelGrouping);
  }

  /** The lookback window. */
  public Duration lookback() {
    return lookback;
  }

  /** The path transform. */
  public PathTransform transform() {
    return transform;
  }

  /** The journeys and what was left out. */
  public record Result(List<Journey> journeys, long expiredTouches, long unattributedConversions) {}

  /** The journeys of many users' events, users in order of first appearance. */
  public Result build(List<UserEvent> events) {
    return build(events, done -> { });
  }

  /**
   * Like {@link #build(List)}, telling {@code progress} after each user how many of the events have been built into
   * journeys so far, for progress reports on long runs.
   */
  public Result build(List<UserEvent> events, LongConsumer progress) {
    Map<String, List<UserEvent>> byUser = new LinkedHashMap<>();
    for (UserEvent event : events) {
      byUser.computeIfAbsent(event.userId(), u -> new ArrayList<>()).add(event);
    }
    List<Journey> journeys = new ArrayList<>();
    long expired = 0;
    long unattributed = 0;
    long done = 0;
    for (Map.Entry<String, List<UserEvent>> user : byUser.entrySet()) {
      Result one = buildUser(user.getKey(), user.getValue());
      journeys.addAll(one.journeys());
      expired += one.expiredTouches();
      unattributed += one.unattributedConversions();
      done += user.getValue().size();
      progress.accept(done);
    }
    return new Result(journeys, expired, unattributed);
  }

  /**
   * The journeys of one user's events, in time order, with ids {@code userId#1}, {@code userId#2}, ...
   * ({@link JourneyId#of(String, long)}); the same events in any order give the same journeys.
   */
  public Result buildUser(String userId, List<UserEvent> events) {
    List<UserEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(UserEvent::timestamp).thenComparing(UserEvent::conversion)
        .thenComparing(JourneyBuilder::tieBreak));
    List<Journey> journeys = new ArrayList<>();
    List<Touchpoint> pending = new ArrayList<>();
    long expired = 0;
    long unattributed = 0;
    int i = 0;
    while (i < sorted.size()) {
      UserEvent event = sorted.get(i);
      if (!event.conversion()) {
        pending.add(touchOf(event));
        i++;
        continue;
      }
      Instant at = event.timestamp();
      List<Conversion> conversions = new ArrayList<>();
      // A converting visit's touch happens at the conversion instant; every conversion of that instant joins.
      while (i < sorted.size() && sorted.get(i).timestamp().equals(at)) {
        UserEvent e = sorted.get(i);
        if (e.conversion()) {
          if (e.isTouch()) {
            pending.add(touchOf(e));
          }
          conversions.add(new Conversion(at, e.conversionType(), e.revenue()));
        } else {
          pending.add(touchOf(e));
        }
        i++;
      }
      List<Touchpoint> window = within(pending, at);
      expired += pending.size() - window.size();
      if (window.isEmpty()) {
        unattributed += conversions.size();
      }
      journeys.add(new Journey(JourneyId.of(userId, journeys.size() + 1), userId, transformed(window), conversions));
      pending.clear();
    }
    if (!pending.isEmpty()) {
      List<Touchpoint> window = within(pending, pending.get(pending.size() - 1).timestamp());
      expired += pending.size() - window.size();
      journeys.add(new Journey(JourneyId.of(userId, journeys.size() + 1), userId, transformed(window), List.of()));
    }
    return new Result(journeys, expired, unattributed);
  }

  private List<Touchpoint> within(List<Touchpoint> touches, Instant end) {
    Instant earliest = end.minus(lookback);
    List<Touchpoint> kept = new ArrayList<>(touches.size());
    for (Touchpoint t : touches) {
      if (!t.timestamp().isBefore(earliest)) {
        kept.add(t);
      }
    }
    return kept;
  }

  private List<Touchpoint> transformed(List<Touchpoint> touches) {
    return transform.apply(touches, Touchpoint::channel);
  }

  private Touchpoint touchOf(UserEvent e) {
    String name = e.channel() != null && !e.channel().isBlank()
        ? e.channel()
        : grouping.channelFor(e.source(), e.medium(), e.campaign());
    return new Touchpoint(channels.computeIfAbsent(name, Channel::named), e.timestamp(), e.touchpointType(), e.cost(),
        e.engagementScore(), e.timeSpentSeconds(), e.pagesViewed(), e.campaign());
  }

  private static String tieBreak(UserEvent e) {
    return String.valueOf(e.channel()) + '\u0000' + e.source() + '\u0000' + e.medium() + '\u0000' + e.campaign()
        + '\u0000' + e.touchpointType();
  }
}
