package io.nexus.server.journey.internal;

import io.nexus.server.journey.DailyActivity;
import io.nexus.server.journey.JourneyData;
import io.nexus.server.journey.JourneyDetail;
import io.nexus.server.journey.JourneyQuery;
import io.nexus.server.journey.JourneySummary;
import io.nexus.server.journey.StoredConversion;
import io.nexus.server.journey.StoredTouchpoint;
import io.nexus.server.web.ApiException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/** Reads stored journeys with their touchpoints and conversions, for the API and for other modules. */
@Service
class JourneyQueries implements JourneyData {
  /** Journeys loaded per round of queries: large enough to amortise them, small enough for an IN list. */
  private static final int LOAD_CHUNK = 2_000;

  private final JourneyRepository journeys;
  private final TouchpointRepository touchpoints;
  private final ConversionRepository conversions;
  private final DailyActivityRepository daily;

  JourneyQueries(JourneyRepository journeys, TouchpointRepository touchpoints, ConversionRepository conversions,
      DailyActivityRepository daily) {
    this.daily = daily;
    this.journeys = journeys;
    this.touchpoints = touchpoints;
    this.conversions = conversions;
  }

  /** The journey's row; 404 when it does not exist. */
  JourneySummary get(long id) {
    return journeys.find(id).map(JourneyRepository.Row::summary)
        .orElseThrow(() -> ApiException.notFound("journey", id));
  }

  /** The journey with its touchpoints and conversions; 404 when it does not exist. */
  JourneyDetail detail(long id) {
    return find(id).orElseThrow(() -> ApiException.notFound("journey", id));
  }

  /** Page {@code page} of the journeys {@code query} selects, {@code size} to a page, in id order. */
  JourneyPage list(JourneyQuery query, int page, int size) {
    List<JourneySummary> items = journeys.page(query, page, size).stream().map(JourneyRepository.Row::summary).toList();
    long total = journeys.count(query);
    return new JourneyPage(items, page, size, total, (total + size - 1) / size);
  }

  @Override
  public Optional<JourneyDetail> find(long id) {
    List<JourneyDetail> found = load(List.of(id));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public OptionalLong version(long id) {
    return journeys.version(id);
  }

  @Override
  public List<JourneyDetail> load(Collection<Long> ids) {
    List<JourneyDetail> result = new ArrayList<>(ids.size());
    List<Long> all = new ArrayList<>(new TreeSet<>(ids));
    for (int from = 0; from < all.size(); from += LOAD_CHUNK) {
      List<Long> chunk = all.subList(from, Math.min(all.size(), from + LOAD_CHUNK));
      List<JourneyRepository.Row> rows = journeys.findAll(chunk);
      Map<Long, List<StoredTouchpoint>> touches = touchpoints.byJourney(chunk);
      Map<Long, List<StoredConversion>> converted = conversions.byJourney(chunk);
      for (JourneyRepository.Row row : rows) {
        long id = row.summary().id();
        result.add(new JourneyDetail(row.summary(), touches.getOrDefault(id, List.of()),
            converted.getOrDefault(id, List.of()), row.version()));
      }
    }
    return result;
  }

  @Override
  public List<Long> ids(JourneyQuery query) {
    return journeys.ids(query);
  }

  @Override
  public void forEachChunk(JourneyQuery query, int chunkSize, Consumer<List<JourneyDetail>> sink) {
    List<Long> ids = journeys.ids(query);
    for (int from = 0; from < ids.size(); from += chunkSize) {
      sink.accept(load(ids.subList(from, Math.min(ids.size(), from + chunkSize))));
    }
  }

  @Override
  public Optional<Instant> latestStart() {
    return journeys.latestStart();
  }

  @Override
  public List<DailyActivity> dailyActivity(Instant from, Instant to) {
    return daily.between(from, to);
  }

  @Override
  public Map<Long, BigDecimal> costByChannel(Instant from, Instant to) {
    return touchpoints.costByChannel(from, to);
  }

  @Override
  public Map<Long, Map<LocalDate, BigDecimal>> costByChannelAndDay(Instant from, Instant to) {
    return touchpoints.costByChannelAndDay(from, to);
  }
}
