package io.nexus.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journey options (lookback, path transform, channel grouping with rules) act as on the command line. */
class JourneyOptionsTest {
  @TempDir Path dir;

  @Test
  void lookbackTransformAndChannelRulesGiveTheCommandLinesNumbers() throws Exception {
    // Without a channel column every touch is grouped from source, medium and campaign: the rules, then GA4's groups.
    List<String> withoutChannel = new ArrayList<>();
    for (String line : Files.readAllLines(LocalSpark.touchpoints(dir, 3_000, 10, 17), StandardCharsets.UTF_8)) {
      String[] cells = line.split(",", -1);
      List<String> kept = new ArrayList<>(List.of(cells));
      kept.remove(2);
      withoutChannel.add(String.join(",", kept));
    }
    Path input = Files.write(dir.resolve("grouped.csv"), withoutChannel, StandardCharsets.UTF_8);
    Path rules = Files.writeString(dir.resolve("rules.csv"), "channel,source,medium,campaign\n"
        + "Brand Search,google,cpc,search_1\n" + "Newsletter,newsletter,,\n" + "Partners,,affiliate|referral,\n");
    String models = "first_touch,linear,time_decay,markov(order=2),counterfactual";

    AttributionJob.run(LocalSpark.session(), "--input", input.toString(), "--models", models, "--lookback-days", "7",
        "--transform", "first", "--channel-rules", rules.toString(), "--output", dir.resolve("out").toString());
    LocalSpark.nexus("attribute", "--input", input.toString(), "--format", "touchpoints", "--models", models,
        "--lookback-days", "7", "--transform", "first", "--channel-rules", rules.toString(),
        "--output", dir.resolve("cli.csv").toString());

    Map<String, double[]> totals = LocalSpark.totals(dir.resolve("out/channel_totals.csv"));
    Totals.assertSame(totals, LocalSpark.totals(dir.resolve("cli.csv")));
    assertThat(totals).containsKeys("linear|Brand Search", "linear|Newsletter",
        "linear|Partners", "linear|Paid Search", "linear|Direct");
  }
}
