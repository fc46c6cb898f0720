package io.nexus.engine.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChannelGroupingTest {

  @ParameterizedTest(name = "{0} / {1} / {2} is {3}")
  @CsvSource(nullValues = "null", value = {
      "(direct), (none), null, Direct",
      "null, null, null, Direct",
      "google, cpc, spring_sale, Paid Search",
      "bing, ppc, null, Paid Search",
      "facebook.com, paid_social, null, Paid Social",
      "m.facebook.com, referral, null, Organic Social",
      "youtube, cpv, null, Paid Video",
      "amazon, cpc, null, Paid Shopping",
      "partner, cpc, summer-shopping, Paid Shopping",
      "adnetwork, display, null, Display",
      "adnetwork, cpm, null, Display",
      "someone, paid, null, Paid Other",
      "google, organic, null, Organic Search",
      "duckduckgo.com, referral, null, Organic Search",
      "blog.example.com, referral, null, Referral",
      "newsletter, email, null, Email",
      "e-mail, newsletter, null, Email",
      "partner, affiliate, null, Affiliates",
      "spotify, audio, null, Audio",
      "sms, text, null, SMS",
      "firebase, notification, null, Mobile Push Notifications",
      "app, web-push, null, Mobile Push Notifications",
      "x, y, cross-network-pmax, Cross-network",
      "vimeo, referral, null, Organic Video",
      "unknownsource, weird, null, Unassigned",
  })
  void ga4DefaultGroups(String source, String medium, String campaign, String channel) {
    assertThat(ChannelGrouping.ga4().channelFor(source, medium, campaign)).isEqualTo(channel);
  }

  @Test
  void matchingIsCaseInsensitive() {
    assertThat(ChannelGrouping.ga4().channelFor("Google", "CPC", null)).isEqualTo("Paid Search");
  }

  @Test
  void customRulesComeFirstAndFallBackToGa4() {
    ChannelGrouping grouping = ChannelGrouping.of(List.of(
        ChannelGrouping.Rule.matching("Brand Search", "google|bing", "cpc", ".*brand.*")), "Other")
        .then(ChannelGrouping.ga4());
    assertThat(grouping.channelFor("google", "cpc", "Brand_2025")).isEqualTo("Brand Search");
    assertThat(grouping.channelFor("google", "cpc", "generic")).isEqualTo("Paid Search");
  }
}
