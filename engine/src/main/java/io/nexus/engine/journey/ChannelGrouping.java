package io.nexus.engine.journey;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Ordered rules that map a touch's source, medium and campaign to a channel; the first rule that matches wins.
 * Immutable and thread-safe. {@link #ga4()} is Google Analytics 4's default channel grouping.
 */
public final class ChannelGrouping {
  private final List<Rule> rules;
  private final String fallback;

  private ChannelGrouping(List<Rule> rules, String fallback) {
    this.rules = List.copyOf(rules);
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  /** A grouping of the given rules, with {@code fallback} for touches that match none. */
  public static ChannelGrouping of(List<Rule> rules, String fallback) {
    return new ChannelGrouping(rules, fallback);
  }

  /** Google Analytics 4's default channel groups, in GA4's order, {@code Unassigned} when nothing matches. */
  public static ChannelGrouping ga4() {
    return Ga4ChannelGroups.GROUPING;
  }

  /** These rules first, then {@code next}'s rules, with {@code next}'s fallback. */
  public ChannelGrouping then(ChannelGrouping next) {
    List<Rule> all = new ArrayList<>(rules);
    all.addAll(next.rules);
    return new ChannelGrouping(all, next.fallback);
  }

  /** The rules in order. */
  public List<Rule> rules() {
    return rules;
  }

  /** The channel for touches that match no rule. */
  public String fallback() {
    return fallback;
  }

  /** The channel of a touch with this source, medium and campaign; any of them may be {@code null}. */
  public String channelFor(String source, String medium, String campaign) {
    Traffic traffic = new Traffic(normal(source), normal(medium), normal(campaign));
    for (Rule rule : rules) {
      if (rule.condition().test(traffic)) {
        return rule.channel();
      }
    }
    return fallback;
  }

  private static String normal(String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
  }

  /** The traffic fields a rule tests, trimmed and lower case, empty when absent. */
  public record Traffic(String source, String medium, String campaign) {}

  /** A test of a touch's traffic fields; implementations must be thread-safe. */
  @FunctionalInterface
  public interface Condition {
    /** Whether the traffic matches. */
    boolean test(Traffic traffic);

    /** Both this and {@code other}. */
    default Condition and(Condition other) {
      return t -> test(t) && other.test(t);
    }

    /** This or {@code other}. */
    default Condition or(Condition other) {
      return t -> test(t) || other.test(t);
    }
  }

  /**
   * A rule: touches whose traffic meets {@code condition} belong to {@code channel}.
   *
   * @param channel the channel name
   * @param condition the test
   */
  public record Rule(String channel, Condition condition) {

    /**
     * A rule from regular expressions, matched in full and case-insensitively against source, medium and campaign;
     * a {@code null} or blank expression matches anything.
     *
     * @throws java.util.regex.PatternSyntaxException when an expression is not valid
     */
    public static Rule matching(String channel, String sourceRegex, String mediumRegex, String campaignRegex) {
      Pattern source = compile(sourceRegex);
      Pattern medium = compile(mediumRegex);
      Pattern campaign = compile(campaignRegex);
      return new Rule(channel, t -> matches(source, t.source()) && matches(medium, t.medium())
          && matches(campaign, t.campaign()));
    }

    private static Pattern compile(String regex) {
      return regex == null || regex.isBlank() ? null : Pattern.compile(regex.strip(), Pattern.CASE_INSENSITIVE);
    }

    private static boolean matches(Pattern pattern, String value) {
      return pattern == null || pattern.matcher(value).matches();
    }
  }
}
