package io.nexus.formats.touchpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nexus.engine.journey.ChannelGrouping;
import io.nexus.formats.InputException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ChannelRulesFileTest {

  private static ChannelGrouping read(String text) throws Exception {
    return ChannelRulesFile.read(new StringReader(text));
  }

  private static void assertRefused(String text, String message) {
    assertThatThrownBy(() -> read(text)).isInstanceOf(InputException.class).hasMessage(message);
  }

  @Test
  void rulesComeBeforeGa4sGroups() throws Exception {
    ChannelGrouping grouping = read("channel,source,medium,campaign\nBrand Search,google,cpc,brand.*\n");

    assertThat(grouping.channelFor("google", "cpc", "brand_2025")).isEqualTo("Brand Search");
    assertThat(grouping.channelFor("google", "cpc", "generic")).isEqualTo("Paid Search");
  }

  @Test
  void aFileWithoutItsHeaderIsRefusedOnLineOne() {
    assertRefused("Brand Search,google,cpc,brand.*\n",
        "line 1: header \"Brand Search,google,cpc,brand.*\": missing column channel: the first line must be a header "
            + "such as channel,source,medium,campaign");
  }

  @Test
  void anUnknownColumnIsRefusedRatherThanIgnored() {
    assertRefused("channel,sorce\nBrand,google\n",
        "line 1: header \"channel,sorce\": unknown column sorce, expected channel,source,medium,campaign");
  }

  @Test
  void aBadExpressionIsRefusedWithItsLine() {
    assertRefused("channel,source\n\nBrand,google\nOther,(unclosed\n",
        "line 4: rule \"(unclosed\": not a valid regular expression: Unclosed group");
  }

  @Test
  void aRuleWithoutChannelIsRefused() {
    assertRefused("channel,source\n,google\n", "line 2: channel \"\": missing value");
  }

  @Test
  void aRuleWithMoreFieldsThanTheHeaderIsRefused() {
    assertRefused("channel,source\nBrand,google,cpc\n", "line 2: the rule has 3 fields, the header 2");
  }

  @Test
  void aBrokenQuoteIsRefusedWithItsLine() {
    assertThatThrownBy(() -> read("channel,source\nBrand,\"google\n")).isInstanceOf(InputException.class)
        .hasMessageStartingWith("line 2: not valid CSV: ");
  }
}
