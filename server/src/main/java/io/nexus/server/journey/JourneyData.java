package io.nexus.server.journey;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** Read access to stored journeys for the attribution and analytics modules; thread-safe. */
public interface JourneyData {

  /** The journey with its touchpoints and conversions, if it exists. */
  Optional<JourneyDetail> find(long id);

  /** The journey's change counter, if it exists: one indexed lookup, for cache keys. */
  OptionalLong version(long id);

  /** The journeys with these ids that exist, with touchpoints and conversions, in id order. */
  List<JourneyDetail> load(Collection<Long> ids);

  /** The ids of the journeys {@code query} selects, in id order. */
  List<Long> ids(JourneyQuery query);

  /**
   * Hands every journey {@code query} selects to {@code sink}, in id order, in chunks of {@code chunkSize} so that
   * memory stays bounded however many there are.
   */
  void forEachChunk(JourneyQuery query, int chunkSize, Consumer<List<JourneyDetail>> sink);

  /** The latest journey start time, if there are journeys. */
  Optional<Instant> latestStart();

  /**
   * Every UTC day of {@code [from, to)} on which journeys started, in day order: those journeys, their conversions
   * and value.
   */
  List<DailyActivity> dailyActivity(Instant from, Instant to);

  /** Total touchpoint cost per channel id of the touchpoints in {@code [from, to)}. */
  Map<Long, BigDecimal> costByChannel(Instant from, Instant to);

  /** Total touchpoint cost per channel id and UTC day of the touchpoints in {@code [from, to)}. */
  Map<Long, Map<LocalDate, BigDecimal>> costByChannelAndDay(Instant from, Instant to);
}
