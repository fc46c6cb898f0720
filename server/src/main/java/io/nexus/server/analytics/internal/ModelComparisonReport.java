package io.nexus.server.analytics.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.nexus.server.attribution.AiFallback;
import io.nexus.server.attribution.AmountInterval;
import io.nexus.server.attribution.AttributionIntervals;
import io.nexus.server.attribution.AttributionReports;
import io.nexus.server.attribution.ChannelAmount;
import io.nexus.server.attribution.TouchFilter;
import io.nexus.server.cache.AttributionCache.Region;
import io.nexus.server.cache.AttributionCache;
import io.nexus.server.cache.VersionedKey;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.model.ModelCatalog;
import io.nexus.server.model.ModelDefinition;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.FieldProblem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Channels × models side by side: what each model credits to each channel over the same journeys. */
@Component
class ModelComparisonReport {
  private final AttributionReports attribution;
  private final ModelCatalog models;
  private final ChannelCatalog channels;
  private final AttributionCache cache;
  private final AttributionIntervals intervals;

  ModelComparisonReport(AttributionReports attribution, ModelCatalog models, ChannelCatalog channels,
      AttributionCache cache, AttributionIntervals intervals) {
    this.intervals = intervals;
    this.attribution = attribution;
    this.models = models;
    this.channels = channels;
    this.cache = cache;
  }

  /**
   * One model's column: {@code fallback} when the AI model's fallback model credited the journeys, {@code ai} what
   * crediting them through the AI took.
   */
  record ModelColumn(long id, String name, String modelType, BigDecimal totalRevenue,
      @JsonInclude(Include.NON_NULL) AiFallback fallback,
      @JsonInclude(Include.NON_NULL) AttributionReports.AiRun ai) {}

  /** One model's credit to one channel; the intervals ({@code [low, high]}) and rank changes only when asked for. */
  record Cell(long modelId, BigDecimal attributedRevenue, double attributedConversions, BigDecimal revenueShare,
      @JsonInclude(Include.NON_NULL) List<BigDecimal> attributedRevenueInterval,
      @JsonInclude(Include.NON_NULL) List<Double> attributedConversionsInterval,
      @JsonInclude(Include.NON_NULL) Double rankChangeShare) {}

  record ChannelRow(long channelId, String channelName, List<Cell> values) {}

  record Comparison(Instant from, Instant to, List<ModelColumn> models, List<ChannelRow> channels) {}

  /**
   * {@code modelIds} side by side over {@code channelIds}, cached; when none are named, every active model, the AI
   * model among them when it has a provider or a fallback model and every touch is kept.
   */
  Comparison run(List<Long> modelIds, List<Long> channelIds, Instant from, Instant to, boolean withIntervals,
      TouchFilter touches) {
    // The AI model's column differs with a provider configured (its answers) or not (its fallback's credits).
    VersionedKey key = cache.versions().keyOnAllData("compare:" + modelIds + ":" + channelIds + ":" + from + ":" + to
        + (withIntervals ? ":intervals" : "") + (attribution.aiConfigured() ? ":ai" : ":no-ai") + touches.key());
    return cache.getOrCompute(Region.REPORTS, key, Comparison.class,
        () -> compute(modelIds, channelIds, from, to, withIntervals, touches));
  }

  private Comparison compute(List<Long> modelIds, List<Long> channelIds, Instant from, Instant to,
      boolean withIntervals, TouchFilter touches) {
    List<ModelDefinition> selected = select(modelIds, touches);
    List<Channel> rows = ChannelRoiReport.select(channels, channelIds);
    Map<Long, Map<Long, ChannelAmount>> byModel = new LinkedHashMap<>();
    Map<Long, Map<Long, AmountInterval>> boundsByModel = new LinkedHashMap<>();
    List<ModelColumn> columns = new ArrayList<>();
    for (ModelDefinition model : selected) {
      AttributionReports.ChannelReport report = touches.keepsAll() ? attribution.channelReport(model.id(), from, to)
          : new AttributionReports.ChannelReport(attribution.channelTotals(model.id(), from, to, touches), null, null);
      Map<Long, ChannelAmount> totals = report.totals();
      byModel.put(model.id(), totals);
      if (withIntervals) {
        boundsByModel.put(model.id(), intervals.channelIntervals(model.id(), from, to, touches));
      }
      BigDecimal sum = totals.values().stream().map(ChannelAmount::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
      columns.add(new ModelColumn(model.id(), model.name(), model.modelType(), sum.setScale(2, RoundingMode.HALF_UP),
          report.fallback(), report.ai()));
    }
    List<ChannelRow> table = new ArrayList<>();
    for (Channel channel : rows) {
      List<Cell> cells = new ArrayList<>();
      for (ModelColumn column : columns) {
        ChannelAmount amount = byModel.get(column.id()).get(channel.id());
        BigDecimal revenue = amount == null ? BigDecimal.ZERO : amount.revenue().setScale(2, RoundingMode.HALF_UP);
        BigDecimal share = column.totalRevenue().signum() == 0 ? BigDecimal.ZERO
            : revenue.divide(column.totalRevenue(), 6, RoundingMode.HALF_UP);
        double conversions = amount == null ? 0 : amount.conversions();
        if (!withIntervals) {
          cells.add(new Cell(column.id(), revenue, conversions, share, null, null, null));
          continue;
        }
        AmountInterval bound = boundsByModel.get(column.id()).get(channel.id());
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        cells.add(new Cell(column.id(), revenue, conversions, share,
            bound == null ? List.of(zero, zero) : List.of(bound.revenueLow(), bound.revenueHigh()),
            bound == null ? List.of(0.0, 0.0) : List.of(bound.conversionsLow(), bound.conversionsHigh()),
            bound == null ? 0.0 : bound.rankChangeShare()));
      }
      table.add(new ChannelRow(channel.id(), channel.name(), cells));
    }
    return new Comparison(from, to, columns, table);
  }

  private List<ModelDefinition> select(List<Long> ids, TouchFilter touches) {
    if (ids == null || ids.isEmpty()) {
      // The AI model answered for whole journeys: it has no column when touches are left out.
      return models.all().stream().filter(ModelDefinition::isActive).filter(attribution::reportable)
          .filter(model -> touches.keepsAll() || !model.isAi()).toList();
    }
    List<FieldProblem> unknown = new ArrayList<>();
    List<ModelDefinition> selected = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Long id = ids.get(i);
      var model = id == null ? Optional.<ModelDefinition>empty() : models.find(id);
      if (model.isEmpty()) {
        unknown.add(new FieldProblem("model_ids[" + i + "]", "model " + id + " does not exist"));
      } else if (selected.stream().noneMatch(m -> m.id() == id)) {
        selected.add(model.get());
      }
    }
    if (!unknown.isEmpty()) {
      throw ApiException.unprocessable(unknown.size() + " unknown model ids", unknown);
    }
    return selected;
  }
}
