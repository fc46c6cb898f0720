package io.nexus.server.insight.internal;

import io.nexus.server.attribution.AiFallback;
import io.nexus.server.attribution.AttributionReports.AiRun;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of one request with what the writers need to read them back: the models and channels they are about,
 * named by the slugs in the fact ids, and the model the rules judge ROI by.
 */
final class FactSheet {
  /**
   * A model of the request: its id, name and the slug fact ids name it by; for the AI model, the model whose credits
   * stood in for its answers ({@code null} when none did) and what its AI calls took ({@code null} for other models).
   */
  record ModelRef(long id, String name, String slug, AiFallback fallback, AiRun ai) {}

  /** A channel with credit or cost: its id, name and the slug fact ids name it by. */
  record ChannelRef(long id, String name, String slug) {}

  private final List<Fact> facts = new ArrayList<>();
  private final Map<String, Fact> byId = new HashMap<>();
  private final List<ModelRef> models;
  private final List<ChannelRef> channels;
  private final ModelRef primary;

  FactSheet(List<ModelRef> models, List<ChannelRef> channels, ModelRef primary) {
    this.models = List.copyOf(models);
    this.channels = List.copyOf(channels);
    this.primary = primary;
  }

  void add(Fact fact) {
    if (byId.putIfAbsent(fact.id(), fact) != null) {
      throw new IllegalStateException("two facts with id " + fact.id());
    }
    facts.add(fact);
  }

  List<Fact> facts() {
    return List.copyOf(facts);
  }

  Optional<Fact> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  boolean has(String id) {
    return byId.containsKey(id);
  }

  /** The number of fact {@code id}, which must exist and hold a number. */
  BigDecimal number(String id) {
    Object value = byId.get(id).value();
    return value instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) value).longValue());
  }

  /** A field of composite fact {@code id}, which must exist. */
  Object field(String id, String field) {
    return ((Map<?, ?>) byId.get(id).value()).get(field);
  }

  List<ModelRef> models() {
    return models;
  }

  List<ChannelRef> channels() {
    return channels;
  }

  /** The model the rules judge channels by: Markov when compared, else Shapley, else the first. */
  ModelRef primary() {
    return primary;
  }

  static String revenue(ModelRef m, ChannelRef c) {
    return "revenue." + m.slug() + "." + c.slug();
  }

  static String conversions(ModelRef m, ChannelRef c) {
    return "conversions." + m.slug() + "." + c.slug();
  }

  static String roi(ModelRef m, ChannelRef c) {
    return "roi." + m.slug() + "." + c.slug();
  }

  static String roas(ModelRef m, ChannelRef c) {
    return "roas." + m.slug() + "." + c.slug();
  }

  static String cost(ChannelRef c) {
    return "cost." + c.slug();
  }

  static String revenueShare(ModelRef m, ChannelRef c) {
    return "share.revenue." + m.slug() + "." + c.slug();
  }

  static String costShare(ChannelRef c) {
    return "share.cost." + c.slug();
  }

  static String weekRevenue(ModelRef m, ChannelRef c) {
    return "wow.revenue." + m.slug() + "." + c.slug();
  }

  static String weekCost(ChannelRef c) {
    return "wow.cost." + c.slug();
  }
}
