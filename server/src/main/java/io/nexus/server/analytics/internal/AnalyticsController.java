package io.nexus.server.analytics.internal;

import io.nexus.engine.PathTransform;
import io.nexus.server.analytics.PathTally;
import io.nexus.server.attribution.TouchFilter;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.Dates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/attribution/analytics}: overview, channel ROI, model comparison and top conversion paths. */
@RestController
@RequestMapping(path = "/api/v1/attribution/analytics", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Analytics")
class AnalyticsController {
  private final ChannelRoiReport roi;
  private final ModelComparisonReport comparison;
  /** Ten years of days: a trend longer than that is no longer readable day by day. */
  private static final int MAX_OVERVIEW_DAYS = 3_660;

  private final ConversionPathReport paths;
  private final OverviewReport overview;

  AnalyticsController(ChannelRoiReport roi, ModelComparisonReport comparison, ConversionPathReport paths,
      OverviewReport overview) {
    this.overview = overview;
    this.roi = roi;
    this.comparison = comparison;
    this.paths = paths;
  }

  @PostMapping("/overview")
  @Operation(summary = "Conversions, revenue, spend and ROAS of a date range against the period before, day by day; "
      + "spend by channel ROI's cost rule (platform spend in place of touchpoint costs on the channel days it covers), "
      + "without Direct channels when exclude_direct; lookback_days changes nothing here (see docs/dashboard.md)")
  OverviewReport.Overview overview(@Valid @RequestBody AnalyticsRequests.Overview request) {
    Dates.Range range = Dates.range(request.startDate(), request.endDate());
    // The trend is day by day: whole UTC days only, and not more of them than a chart can show.
    if (range.from().getEpochSecond() % 86_400 != 0 || range.from().getNano() != 0) {
      throw ApiException.badRequest("start_date", "must be a date (2025-01-31): the overview counts whole UTC days");
    }
    if (range.to().getEpochSecond() % 86_400 != 0 || range.to().getNano() != 0) {
      throw ApiException.badRequest("end_date", "must be a date (2025-01-31): the overview counts whole UTC days");
    }
    if (Duration.between(range.from(), range.to()).toDays() > MAX_OVERVIEW_DAYS) {
      throw ApiException.badRequest("end_date", "must be at most " + MAX_OVERVIEW_DAYS + " days after start_date");
    }
    return overview.run(range.from(), range.to(), TouchFilter.of(request.lookbackDays(), request.excludeDirect()));
  }

  @PostMapping("/channel-roi")
  @Operation(summary = "Attributed revenue, cost, ROI and ROAS per channel for a model and date range")
  List<ChannelRoiReport.Row> channelRoi(@Valid @RequestBody AnalyticsRequests.ChannelRoi request) {
    Dates.Range range = Dates.range(request.startDate(), request.endDate());
    TouchFilter touches = TouchFilter.of(request.lookbackDays(), request.excludeDirect());
    return roi.run(request.channelIds(), range.from(), range.to(), request.attributionModelId(),
        request.withIntervals(), Boolean.TRUE.equals(request.calibrated()), touches);
  }

  @PostMapping("/model-comparison")
  @Operation(summary = "Channels × models: what each model credits to each channel over the same journeys")
  ModelComparisonReport.Comparison modelComparison(@Valid @RequestBody AnalyticsRequests.ModelComparison request) {
    Dates.Range range = Dates.range(request.startDate(), request.endDate());
    TouchFilter touches = TouchFilter.of(request.lookbackDays(), request.excludeDirect());
    return comparison.run(request.modelIds(), request.channelIds(), range.from(), range.to(),
        request.withIntervals(), touches);
  }

  @PostMapping("/top-paths")
  @Operation(summary = "The most converting channel paths (optionally by length, or with non-converting ones, of the "
      + "touches within a lookback and without Direct) with counts, conversion rate and time to conversion, and how "
      + "many journeys have no touch left")
  ConversionPathReport.Paths topPaths(@Valid @RequestBody AnalyticsRequests.TopPaths request) {
    Dates.Range range = Dates.range(request.startDate(), request.endDate());
    TouchFilter touches = TouchFilter.of(request.lookbackDays(), request.excludeDirect());
    PathTransform transform;
    try {
      transform = request.transform() == null ? PathTransform.UNIQUE : PathTransform.parse(request.transform());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("transform", "must be unique, exposure or first");
    }
    int limit = request.limit() == null ? 10 : request.limit();
    if (request.minLength() != null && request.maxLength() != null && request.maxLength() < request.minLength()) {
      throw ApiException.badRequest("max_length", "must not be less than min_length");
    }
    return paths.run(range.from(), range.to(), limit, transform, new PathTally.Filter(
        request.minLength(), request.maxLength(), Boolean.TRUE.equals(request.includeNonConverting())), touches);
  }
}
