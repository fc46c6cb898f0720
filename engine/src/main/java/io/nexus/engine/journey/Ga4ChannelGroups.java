package io.nexus.engine.journey;

import io.nexus.engine.journey.ChannelGrouping.Condition;
import io.nexus.engine.journey.ChannelGrouping.Rule;
import io.nexus.engine.journey.ChannelGrouping.Traffic;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Google Analytics 4's default channel group definitions, in GA4's evaluation order. GA4 matches sources against its
 * own lists of shopping, search, social and video sites; these lists hold the common ones, matched against any label
 * of the source's host name, so that {@code m.facebook.com} counts as {@code facebook}.
 */
final class Ga4ChannelGroups {
  private Ga4ChannelGroups() {}

  private static final Set<String> SHOPPING = Set.of("amazon", "ebay", "etsy", "shopify", "walmart", "alibaba",
      "aliexpress", "mercadolibre", "target", "bestbuy", "shopping", "igshopping", "rakuten", "zalando", "wayfair",
      "temu", "shein", "google shopping", "shop");
  private static final Set<String> SEARCH = Set.of("google", "bing", "yahoo", "baidu", "duckduckgo", "yandex",
      "ecosia", "naver", "ask", "aol", "startpage", "qwant", "seznam", "sogou", "so", "daum", "brave", "search",
      "msn", "avg", "onet", "rambler", "coccoc");
  private static final Set<String> SOCIAL = Set.of("facebook", "fb", "instagram", "ig", "linkedin", "lnkd",
      "twitter", "x", "t", "tiktok", "pinterest", "reddit", "snapchat", "quora", "tumblr", "vk", "weibo",
      "whatsapp", "messenger", "threads", "discord", "telegram", "line", "wechat", "mastodon", "bluesky", "meta");
  private static final Set<String> VIDEO = Set.of("youtube", "vimeo", "twitch", "dailymotion", "wistia", "netflix",
      "youku", "bilibili", "tiktokvideo", "brightcove", "jwplayer", "hulu");

  private static final Pattern PAID_MEDIUM = Pattern.compile("^(.*cp.*|ppc|retargeting|paid.*)$");
  private static final Pattern SHOPPING_CAMPAIGN = Pattern.compile("^(.*(([^a-df-z]|^)shop|shopping).*)$");
  private static final Pattern VIDEO_MEDIUM = Pattern.compile("^(.*video.*)$");
  private static final Set<String> EMAIL = Set.of("email", "e-mail", "e_mail", "e mail");

  static final ChannelGrouping GROUPING = ChannelGrouping.of(List.of(
      // No source, medium or campaign at all is what GA4 records as (direct) / (none).
      new Rule("Direct", t -> (t.source().equals("(direct)") || t.source().isEmpty() && t.campaign().isEmpty())
          && (t.medium().equals("(not set)") || t.medium().equals("(none)") || t.medium().isEmpty())),
      new Rule("Cross-network", t -> t.campaign().contains("cross-network")),
      new Rule("Paid Shopping", site(SHOPPING).or(t -> SHOPPING_CAMPAIGN.matcher(t.campaign()).matches())
          .and(Ga4ChannelGroups::paid)),
      new Rule("Paid Search", site(SEARCH).and(Ga4ChannelGroups::paid)),
      new Rule("Paid Social", site(SOCIAL).and(Ga4ChannelGroups::paid)),
      new Rule("Paid Video", site(VIDEO).and(Ga4ChannelGroups::paid)),
      new Rule("Display", mediumIn("display", "banner", "expandable", "interstitial", "cpm")),
      new Rule("Paid Other", Ga4ChannelGroups::paid),
      new Rule("Organic Shopping", site(SHOPPING).or(t -> SHOPPING_CAMPAIGN.matcher(t.campaign()).matches())),
      new Rule("Organic Social", site(SOCIAL)
          .or(mediumIn("social", "social-network", "social-media", "sm", "social network", "social media"))),
      new Rule("Organic Video", site(VIDEO).or(t -> VIDEO_MEDIUM.matcher(t.medium()).matches())),
      new Rule("Organic Search", site(SEARCH).or(mediumIn("organic"))),
      new Rule("Referral", mediumIn("referral", "app", "link")),
      new Rule("Email", t -> EMAIL.contains(t.source()) || EMAIL.contains(t.medium())),
      new Rule("Affiliates", mediumIn("affiliate")),
      new Rule("Audio", mediumIn("audio")),
      new Rule("SMS", t -> t.source().equals("sms") || t.medium().equals("sms")),
      new Rule("Mobile Push Notifications", t -> t.medium().endsWith("push") || t.medium().contains("mobile")
          || t.medium().contains("notification") || t.source().equals("firebase"))),
      "Unassigned");

  private static boolean paid(Traffic t) {
    return PAID_MEDIUM.matcher(t.medium()).matches();
  }

  private static Condition mediumIn(String... media) {
    Set<String> set = Set.of(media);
    return t -> set.contains(t.medium());
  }

  private static Condition site(Set<String> sites) {
    return t -> {
      String source = t.source();
      if (source.isEmpty()) {
        return false;
      }
      if (sites.contains(source)) {
        return true;
      }
      for (String label : source.split("\\.")) {
        if (sites.contains(label)) {
          return true;
        }
      }
      return false;
    };
  }
}
