package io.nexus.server.calibration.internal;

import io.nexus.server.attribution.AttributionReports;
import io.nexus.server.attribution.ChannelAmount;
import io.nexus.server.calibration.CalibrationFactors;
import io.nexus.server.calibration.ChannelCalibration;
import io.nexus.server.channel.ChannelCatalog;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.FieldProblem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Lift tests and the calibration factors they give: per test, the factor {@code incremental / attributed} (or the
 * lift itself) with the standard error of its interval; per channel, the tests pooled by precision and shrunk
 * towards 1 ({@link Shrinkage}).
 */
@Service
class CalibrationService implements CalibrationFactors {
  private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
  private static final LocalDate LATEST = LocalDate.of(2200, 12, 31);
  private static final BigDecimal DEFAULT_LEVEL = new BigDecimal("0.9");

  private final LiftTestRepository tests;
  private final ChannelCatalog channels;
  private final AttributionReports attribution;

  CalibrationService(LiftTestRepository tests, ChannelCatalog channels, AttributionReports attribution) {
    this.tests = tests;
    this.channels = channels;
    this.attribution = attribution;
  }

  /** One test's part in a calibration: its factor and standard error, or why it does not apply. */
  record TestFactor(long liftTestId, double attributedConversions, Double factor, Double standardError,
      String notApplied) {}

  /** A channel's calibration with the tests behind it, for {@code GET /calibration/factors}. */
  record ChannelFactors(long channelId, Double factor, Double rawFactor, Double standardError, Double weight,
      List<TestFactor> tests) {}

  LiftTest create(LiftTestRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate start = date(request.startDate(), "start_date", problems);
    LocalDate end = date(request.endDate(), "end_date", problems);
    if (start != null && end != null && end.isBefore(start)) {
      problems.add(new FieldProblem("end_date", "must not be before start_date"));
    }
    if ((request.incrementalConversions() == null) == (request.lift() == null)) {
      problems.add(new FieldProblem("incremental_conversions", "give either incremental_conversions or lift"));
    }
    BigDecimal low = request.confidenceInterval().get(0);
    BigDecimal high = request.confidenceInterval().get(1);
    BigDecimal measure = request.incrementalConversions() != null ? request.incrementalConversions() : request.lift();
    if (low.compareTo(high) > 0) {
      problems.add(new FieldProblem("confidence_interval", "low must not be above high"));
    } else if (measure != null && (measure.compareTo(low) < 0 || measure.compareTo(high) > 0)) {
      problems.add(new FieldProblem("confidence_interval", "must hold the measured "
          + (request.lift() != null ? "lift" : "incremental_conversions") + " " + measure.toPlainString()));
    }
    if (channels.find(request.channelId()).isEmpty()) {
      problems.add(new FieldProblem("channel_id", "channel " + request.channelId() + " does not exist"));
    }
    if (!problems.isEmpty()) {
      throw ApiException.unprocessable(problems.size() + " fields of the lift test cannot be stored", problems);
    }
    LiftTest test = new LiftTest(0, request.channelId(), request.name(), start, end,
        request.incrementalConversions(), request.lift(), List.of(low, high),
        request.confidenceLevel() == null ? DEFAULT_LEVEL : request.confidenceLevel(), null);
    long id = tests.insert(test);
    return tests.find(id).orElseThrow();
  }

  List<LiftTest> list(Long channelId) {
    return tests.list(channelId);
  }

  LiftTest get(long id) {
    return tests.find(id).orElseThrow(() -> ApiException.notFound("lift test", id));
  }

  void delete(long id) {
    if (!tests.delete(id)) {
      throw ApiException.notFound("lift test", id);
    }
  }

  @Override
  public Map<Long, ChannelCalibration> factors(long modelId) {
    Map<Long, ChannelCalibration> factors = new LinkedHashMap<>();
    for (ChannelFactors channel : report(modelId)) {
      if (channel.factor() != null) {
        factors.put(channel.channelId(), new ChannelCalibration(channel.channelId(), channel.factor(),
            channel.rawFactor(), channel.standardError(), channel.weight(), channel.tests().stream()
            .filter(t -> t.notApplied() == null).map(TestFactor::liftTestId).toList()));
      }
    }
    return factors;
  }

  /** Every channel with lift tests: its tests' factors under model {@code modelId}, pooled and shrunk. */
  List<ChannelFactors> report(long modelId) {
    Map<Long, List<TestFactor>> byChannel = new TreeMap<>();
    for (LiftTest test : tests.list(null)) {
      byChannel.computeIfAbsent(test.channelId(), c -> new ArrayList<>()).add(factor(test, modelId));
    }
    List<ChannelFactors> report = new ArrayList<>();
    byChannel.forEach((channelId, factors) -> {
      List<TestFactor> applied = factors.stream().filter(f -> f.notApplied() == null).toList();
      if (applied.isEmpty()) {
        report.add(new ChannelFactors(channelId, null, null, null, null, factors));
        return;
      }
      double[] pooled = Shrinkage.pool(applied.stream().mapToDouble(TestFactor::factor).toArray(),
          applied.stream().mapToDouble(TestFactor::standardError).toArray());
      report.add(new ChannelFactors(channelId, Shrinkage.shrink(pooled[0], pooled[1]), pooled[0], pooled[1],
          Shrinkage.weight(pooled[1]), factors));
    });
    return report;
  }

  private TestFactor factor(LiftTest test, long modelId) {
    if (channels.find(test.channelId()).isEmpty()) {
      return new TestFactor(test.id(), 0, null, null, "channel " + test.channelId() + " no longer exists");
    }
    ChannelAmount credited = attribution.channelTotals(modelId,
        test.startDate().atStartOfDay(ZoneOffset.UTC).toInstant(),
        test.endDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).get(test.channelId());
    double attributed = credited == null ? 0 : credited.conversions();
    double low = test.confidenceInterval().get(0).doubleValue();
    double high = test.confidenceInterval().get(1).doubleValue();
    double error = Shrinkage.standardError(low, high, test.confidenceLevel().doubleValue());
    if (test.lift() != null) {
      return new TestFactor(test.id(), attributed, test.lift().doubleValue(), error, null);
    }
    if (attributed <= 0) {
      return new TestFactor(test.id(), 0, null, null,
          "the model credits the channel with no conversions over the test's days");
    }
    return new TestFactor(test.id(), attributed, test.incrementalConversions().doubleValue() / attributed,
        error / attributed, null);
  }

  private static LocalDate date(String text, String field, List<FieldProblem> problems) {
    try {
      LocalDate date = LocalDate.parse(text.strip());
      if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
        problems.add(new FieldProblem(field, "must be in the years 1900 to 2200"));
        return null;
      }
      return date;
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field, "must be a date such as 2025-01-31"));
      return null;
    }
  }
}
