package io.nexus.server.analytics.internal;

import io.nexus.engine.PathTransform;
import io.nexus.server.analytics.ConversionPath;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.Dates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/attribution/analytics}: channel ROI, model comparison and top conversion paths. */
@RestController
@RequestMapping(path = "/api/v1/attribution/analytics", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Analytics")
class AnalyticsController {
  private final ChannelRoiReport roi;
  private final ModelComparisonReport comparison;
  private final ConversionPathReport paths;

  AnalyticsController(ChannelRoiReport roi, ModelComparisonReport comparison, ConversionPathReport paths) {
    this.roi = roi;
    this.comparison = comparison;
    this.paths = paths;
  }

  @PostMapping("/channel-roi")
  @Operation(summary = "Attributed revenue, cost, ROI and ROAS per channel for a model and date range")
  List<ChannelRoiReport.Row> channelRoi(@Valid @RequestBody AnalyticsRequests.ChannelRoi request) {
    Dates.Range range = Dates.range(request.startDate(), request.endDate());
    return roi.run(request.channelIds(), range.from(), range.to(), request.attributionModelId(),
        request.withIntervals(), Boolean.TRUE.equals(request.calibrated()));
  }

  @PostMapping("/model-comparison")
  @Operation(summary = "Channels × models: what each model credits to each channel over the same journeys")
  ModelComparisonReport.Comparison modelComparison(@Valid @RequestBody AnalyticsRequests.ModelComparison request) {
    Dates.Range range = Dates.range(request.startDate(), request.endDate());
    return comparison.run(request.modelIds(), request.channelIds(), range.from(), range.to(),
        request.withIntervals());
  }

  @PostMapping("/top-paths")
  @Operation(summary = "The most converting channel paths with counts, conversion rate and time to conversion")
  List<ConversionPath> topPaths(@Valid @RequestBody AnalyticsRequests.TopPaths request) {
    Dates.Range range = Dates.range(request.startDate(), request.endDate());
    PathTransform transform;
    try {
      transform = request.transform() == null ? PathTransform.UNIQUE : PathTransform.parse(request.transform());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("transform", "must be unique, exposure or first");
    }
    int limit = request.limit() == null ? 10 : request.limit();
    return paths.run(range.from(), range.to(), limit, transform);
  }
}
