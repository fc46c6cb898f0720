package io.nexus.server.insight.internal;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What an insight request asks about, and so which families of facts it computes. */
enum AnalysisType {
  /** What works and what does not: credits, cost, ROI and ROAS per channel and model, disagreement, paths, timing. */
  PERFORMANCE(EnumSet.of(Family.TOTALS, Family.CHANNELS, Family.CONVERSIONS, Family.DISAGREEMENT, Family.PATHS,
      Family.TIMING), 5),
  /** Where to move budget: revenue, cost, ROI, ROAS and shares of revenue and cost per channel, disagreement. */
  OPTIMIZATION(EnumSet.of(Family.TOTALS, Family.CHANNELS, Family.SHARES, Family.DISAGREEMENT, Family.PATHS), 3),
  /** What changed: the last week against the week before, overall and per channel; paths and timing. */
  TRENDS(EnumSet.of(Family.TOTALS, Family.WEEK_OVER_WEEK, Family.PATHS, Family.TIMING), 3);

  /** The families of facts. */
  enum Family { TOTALS, CHANNELS, CONVERSIONS, SHARES, DISAGREEMENT, WEEK_OVER_WEEK, PATHS, TIMING }

  private final Set<Family> families;
  private final int paths;

  AnalysisType(Set<Family> families, int paths) {
    this.families = families;
    this.paths = paths;
  }

  boolean has(Family family) {
    return families.contains(family);
  }

  /** How many top paths become facts. */
  int paths() {
    return paths;
  }

  /** The name clients use. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<AnalysisType> parse(String value) {
    for (AnalysisType type : values()) {
      if (type.label().equals(value)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
