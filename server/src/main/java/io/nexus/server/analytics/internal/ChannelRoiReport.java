package io.nexus.server.analytics.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.nexus.engine.ReturnOnSpend;
import io.nexus.server.attribution.AiFallback;
import io.nexus.server.attribution.AmountInterval;
import io.nexus.server.attribution.AttributionIntervals;
import io.nexus.server.attribution.AttributionReports;
import io.nexus.server.attribution.ChannelAmount;
import io.nexus.server.attribution.TouchFilter;
import io.nexus.server.cache.AttributionCache.Region;
import io.nexus.server.cache.AttributionCache;
import io.nexus.server.cache.VersionedKey;
import io.nexus.server.calibration.CalibrationFactors;
import io.nexus.server.calibration.ChannelCalibration;
import io.nexus.server.channel.Channel;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.FieldProblem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Return on investment per channel: revenue a model credits to the channel over the converting journeys started in
 * the range, against what the channel cost in the range by {@link ChannelCosts}' rule (platform spend replaces the
 * touchpoint costs of the channel's days it covers), both to the cent, saying which cost source it used; ROI and ROAS of those as
 * {@link ReturnOnSpend} gives them ({@code null}, never NaN or infinity, when nothing was spent); on request, each
 * channel's credit calibrated by its lift tests beside them.
 */
@Component
class ChannelRoiReport {
  private final AttributionReports attribution;
  private final ChannelCosts costs;
  private final ChannelCatalog channels;
  private final AttributionCache cache;
  private final AttributionIntervals intervals;
  private final CalibrationFactors calibration;

  ChannelRoiReport(AttributionReports attribution, ChannelCosts costs, ChannelCatalog channels,
      AttributionCache cache, AttributionIntervals intervals, CalibrationFactors calibration) {
    this.intervals = intervals;
    this.attribution = attribution;
    this.costs = costs;
    this.channels = channels;
    this.cache = cache;
    this.calibration = calibration;
  }

  /**
   * One channel's row; the intervals ({@code [low, high]}) only when asked for, ROI's and ROAS's also only when
   * something was spent; {@code calibration} only when asked for, beside the model's own numbers; {@code fallback}
   * when the AI model's fallback model credited the journeys.
   */
  record Row(long channelId, String channelName, String channelType, BigDecimal attributedRevenue,
      double attributedConversions, BigDecimal cost, String costSource, BigDecimal touchpointCost,
      BigDecimal platformSpend, BigDecimal replacedTouchpointCost,
      @JsonInclude(Include.NON_NULL) String spendCurrency, BigDecimal roi, BigDecimal roas, long journeys,
      BigDecimal revenueShare,
      @JsonInclude(Include.NON_NULL) List<BigDecimal> attributedRevenueInterval,
      @JsonInclude(Include.NON_NULL) List<BigDecimal> roiInterval,
      @JsonInclude(Include.NON_NULL) List<BigDecimal> roasInterval,
      @JsonInclude(Include.NON_NULL) CalibratedCredit calibration,
      @JsonInclude(Include.NON_NULL) AiFallback fallback) {

    Row calibrated(CalibratedCredit credit) {
      return new Row(channelId, channelName, channelType, attributedRevenue, attributedConversions, cost, costSource,
          touchpointCost, platformSpend, replacedTouchpointCost, spendCurrency, roi, roas, journeys, revenueShare,
          attributedRevenueInterval, roiInterval, roasInterval, credit, fallback);
    }
  }

  /**
   * A channel's credit calibrated by lift tests: the model's revenue and conversions times the factor, with ROI and
   * ROAS of those; {@code calibrated} is false (factor 1) for a channel without an applicable test.
   */
  record CalibratedCredit(boolean calibrated, double factor, Double rawFactor, Double weight, List<Long> liftTestIds,
      BigDecimal attributedRevenue, double attributedConversions, BigDecimal roi, BigDecimal roas) {}

  /** The rows of {@code channelIds} (every channel when none) under model {@code modelId}, cached. */
  List<Row> run(List<Long> channelIds, Instant from, Instant to, long modelId, boolean withIntervals,
      boolean calibrated, TouchFilter touches) {
    // The AI model's report differs with a provider configured (its answers) or not (its fallback's credits).
    VersionedKey key = cache.versions().keyOnAllData("roi:" + modelId + ":" + from + ":" + to + ":" + channelIds
        + (withIntervals ? ":intervals" : "") + (attribution.aiConfigured() ? ":ai" : ":no-ai") + touches.key());
    List<Row> rows = Arrays.asList(cache.getOrCompute(Region.REPORTS, key, Row[].class,
        () -> compute(channelIds, from, to, modelId, withIntervals, touches).toArray(Row[]::new)));
    // Calibration is applied after the cache: lift tests change without moving the data versions.
    return calibrated ? calibrate(rows, calibration.factors(modelId)) : rows;
  }

  private static List<Row> calibrate(List<Row> rows, Map<Long, ChannelCalibration> factors) {
    List<Row> calibrated = new ArrayList<>(rows.size());
    for (Row row : rows) {
      ChannelCalibration factor = factors.get(row.channelId());
      if (factor == null) {
        calibrated.add(row.calibrated(new CalibratedCredit(false, 1, null, null, List.of(), row.attributedRevenue(),
            row.attributedConversions(), row.roi(), row.roas())));
        continue;
      }
      BigDecimal revenue = row.attributedRevenue().multiply(BigDecimal.valueOf(factor.factor()))
          .setScale(2, RoundingMode.HALF_UP);
      ReturnOnSpend returned = new ReturnOnSpend(revenue, row.cost());
      calibrated.add(row.calibrated(new CalibratedCredit(true, factor.factor(), factor.rawFactor(), factor.weight(),
          factor.liftTestIds(), revenue, row.attributedConversions() * factor.factor(), returned.roi(),
          returned.roas())));
    }
    return calibrated;
  }

  private List<Row> compute(List<Long> channelIds, Instant from, Instant to, long modelId, boolean withIntervals,
      TouchFilter touches) {
    List<Channel> selected = select(channels, channelIds);
    AttributionReports.ChannelReport report = touches.keepsAll() ? attribution.channelReport(modelId, from, to)
        : new AttributionReports.ChannelReport(attribution.channelTotals(modelId, from, to, touches), null, null);
    Map<Long, ChannelAmount> credited = report.totals();
    Map<Long, AmountInterval> bounds = withIntervals ? intervals.channelIntervals(modelId, from, to, touches) : null;
    Map<Long, ChannelCosts.Cost> costs = this.costs.costs(from, to);
    ChannelCosts.requireOneCurrency(costs, selected.stream().map(Channel::id).toList());
    BigDecimal total = credited.values().stream().map(ChannelAmount::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
    List<Row> rows = new ArrayList<>(selected.size());
    for (Channel channel : selected) {
      ChannelAmount amount = credited.get(channel.id());
      BigDecimal revenue = amount == null ? BigDecimal.ZERO : amount.revenue().setScale(2, RoundingMode.HALF_UP);
      ChannelCosts.Cost spent = costs.getOrDefault(channel.id(), ChannelCosts.Cost.ZERO);
      BigDecimal cost = spent.cost().setScale(2, RoundingMode.HALF_UP);
      ReturnOnSpend returned = new ReturnOnSpend(revenue, cost);
      List<BigDecimal> revenueInterval = null;
      List<BigDecimal> roiInterval = null;
      List<BigDecimal> roasInterval = null;
      if (bounds != null) {
        AmountInterval bound = bounds.get(channel.id());
        BigDecimal low = bound == null ? BigDecimal.ZERO.setScale(2) : bound.revenueLow();
        BigDecimal high = bound == null ? BigDecimal.ZERO.setScale(2) : bound.revenueHigh();
        revenueInterval = List.of(low, high);
        // Cost is known exactly: ROI and ROAS grow with revenue, so their ends are those of the revenue's.
        ReturnOnSpend lowReturn = new ReturnOnSpend(low, cost);
        ReturnOnSpend highReturn = new ReturnOnSpend(high, cost);
        roiInterval = lowReturn.roi() == null ? null : List.of(lowReturn.roi(), highReturn.roi());
        roasInterval = lowReturn.roas() == null ? null : List.of(lowReturn.roas(), highReturn.roas());
      }
      rows.add(new Row(channel.id(), channel.name(), channel.channelType(), revenue,
          amount == null ? 0 : amount.conversions(), cost, spent.source(), cents(spent.touchpointCost()),
          cents(spent.platformSpend()), cents(spent.replacedTouchpointCost()), spent.currency(), returned.roi(),
          returned.roas(),
          amount == null ? 0 : amount.journeys(),
          total.signum() == 0 ? BigDecimal.ZERO : revenue.divide(total, 6, RoundingMode.HALF_UP),
          revenueInterval, roiInterval, roasInterval, null, report.fallback()));
    }
    return rows;
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  /** The named channels in request order (all channels when none are named); unknown ids are refused. */
  static List<Channel> select(ChannelCatalog channels, List<Long> ids) {
    if (ids == null || ids.isEmpty()) {
      return channels.all();
    }
    Map<Long, Channel> found = channels.findAll(ids);
    List<FieldProblem> unknown = new ArrayList<>();
    List<Channel> selected = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Long id = ids.get(i);
      if (id == null || !found.containsKey(id)) {
        unknown.add(new FieldProblem("channel_ids[" + i + "]", "channel " + id + " does not exist"));
      } else if (selected.stream().noneMatch(c -> c.id() == id)) {
        selected.add(found.get(id));
      }
    }
    if (!unknown.isEmpty()) {
      throw ApiException.unprocessable(unknown.size() + " unknown channel ids", unknown);
    }
    return selected;
  }
}
