package io.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributeCommandTest {
  @TempDir
  Path dir;

  private Path file(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  /** model -> channel -> [conversions, value] from the output CSV. */
  private static Map<String, Map<String, double[]>> parse(String csv) {
    Map<String, Map<String, double[]>> result = new HashMap<>();
    List<String> lines = csv.lines().toList();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      result.computeIfAbsent(f[0], m -> new HashMap<>())
          .put(f[1], new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])});
    }
    return result;
  }

  @Test
  void writesExactlyTheDocumentedHeader() throws IOException {
    CommandRun run = CommandRun.of("attribute", "--input",
        file("p.csv", "path,total_conversions,total_null", "a > b,1,1").toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().findFirst()).contains("model,channel,attributed_conversions,attributed_value");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void runsTheDefaultModelsInOrder() throws IOException {
    CommandRun run = CommandRun.of("attribute", "--input", file("p.csv", "path,total_conversions", "a > b,1").toString());
    assertThat(run.out().lines().skip(1).map(l -> l.split(",")[0]).distinct())
        .containsExactly("first_touch", "last_touch", "linear", "position_based", "markov");
  }

  @Test
  void matchesChannelAttributionsHeuristicModelsOnItsSample() {
    CommandRun run = CommandRun.of("attribute", "--input", CommandRun.channelAttributionSample().toString(),
        "--models", "first_touch,last_touch,linear");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, Map<String, double[]>> totals = parse(run.out());
    // ChannelAttribution's heuristic_models on its own sample data (shared/datasets/README.md).
    String[] channels = {"alpha", "beta", "delta", "epsilon", "eta", "gamma", "iota", "kappa", "lambda", "mi", "theta",
        "zeta"};
    double[] first = {6308, 2831, 1, 99, 3164, 165, 4606, 74, 902, 2, 1606, 27};
    double[] last = {8447, 989, 5, 531, 4167, 92, 3355, 230, 1207, 2, 653, 107};
    double[] linear = {7574.7186, 2083.5001, 1.7250, 272.1704, 3539.9512, 121.0416, 3857.0962, 137.9641, 1035.2576,
        2.2222, 1022.8014, 136.5515};
    for (int i = 0; i < channels.length; i++) {
      assertThat(totals.get("first_touch").get(channels[i])[0]).as(channels[i]).isEqualTo(first[i]);
      assertThat(totals.get("last_touch").get(channels[i])[0]).as(channels[i]).isEqualTo(last[i]);
      assertThat(Math.round(totals.get("linear").get(channels[i])[0] * 1e4) / 1e4).as(channels[i])
          .isEqualTo(linear[i]);
    }
    double conversions = totals.get("linear").values().stream().mapToDouble(v -> v[0]).sum();
    double value = totals.get("linear").values().stream().mapToDouble(v -> v[1]).sum();
    assertThat(conversions).isCloseTo(19_785, within(1e-6));
    assertThat(value).isCloseTo(74_802.97158721, within(1e-6));
  }

  @Test
  void readsSemicolonsQuotesAndACustomSeparator() throws IOException {
    Path input = file("p.csv", "\"path\";total_null;total_conversions", "\"a | b; c\";1;2", "b;0;1");
    CommandRun run = CommandRun.of("attribute", "--input", input.toString(), "--path-separator", "|",
        "--models", "last_touch");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("last_touch,b; c,2,0\n").contains("last_touch,b,1,0\n");
  }

  @Test
  void writesTheOutputFileAndTheMarkovInternals() throws IOException {
    Path input = file("p.csv", "path,total_conversions,total_conversion_value,total_null",
        "google ads,2,20,1", "mailing,1,40,0", "google ads > mailing,1,40,0");
    Path out = dir.resolve("out.csv");
    Path effects = dir.resolve("re.csv");
    Path matrix = dir.resolve("tm.csv");
    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "-o", out.toString(), "--models", "markov",
        "--removal-effects", effects.toString(), "--transition-matrix", matrix.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    // Totals are the journeys' credits summed: the journey of both channels (1 conversion, 40) is split 0.6/0.4 by the
    // removal effects 0.75 and 0.5, the others keep theirs. (ChannelAttribution's whole-chain split: 2.4 and 1.6.)
    assertThat(Files.readString(out)).contains("markov,google ads,2.6,44\n", "markov,mailing,1.4,56\n");
    assertThat(Files.readAllLines(effects)).containsExactly(
        "channel,removal_effect,removal_effect_value,chain_conversions,chain_value",
        "google ads,0.75,0.6,2.4,42.85714285714286", "mailing,0.5,0.8,1.6,57.142857142857146");
    assertThat(Files.readAllLines(matrix)).contains("from,to,probability", "(start),google ads,0.8",
        "google ads,(conversion),0.5");
  }

  @Test
  void orderOptionSetsTheMarkovOrder() throws IOException {
    Path input = file("p.csv", "path,total_conversions,total_null", "a > b > c,1,0", "a,0,1");
    Path matrix = dir.resolve("tm.csv");
    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "--models", "markov", "--order", "2",
        "--transition-matrix", matrix.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(matrix)).contains("a>b,b>c,1");
    assertThat(run.out()).contains("\nmarkov,a,");
  }

  @Test
  void journeyCreditsAddUpToEachJourneysValue() throws IOException {
    Path input = dir.resolve("t.csv");
    assertThat(CommandRun.of("generate", "--rows", "3000", "--channels", "6", "--seed", "5", "--format",
        "touchpoints", "-o", input.toString()).exitCode()).isZero();
    Path credits = dir.resolve("credits.csv");
    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "--format", "touchpoints", "--models",
        "linear,time_decay,markov", "--journey-credits", credits.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, Double> creditByJourneyAndModel = new HashMap<>();
    for (String line : Files.readAllLines(credits).subList(1, Files.readAllLines(credits).size())) {
      String[] f = line.split(",");
      creditByJourneyAndModel.merge(f[0] + "/" + f[1], Double.parseDouble(f[3]), Double::sum);
    }
    assertThat(creditByJourneyAndModel).isNotEmpty();
    assertThat(creditByJourneyAndModel.values())
        .allSatisfy(sum -> assertThat(sum).isCloseTo(1, within(1e-9)));
  }

  @Test
  void markovJourneyCreditsAddUpToItsChannelTotals() throws IOException {
    Path input = dir.resolve("t.csv");
    assertThat(CommandRun.of("generate", "--rows", "3000", "--channels", "6", "--seed", "5", "--format",
        "touchpoints", "-o", input.toString()).exitCode()).isZero();
    Path credits = dir.resolve("credits.csv");
    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "--format", "touchpoints", "--models",
        "markov,markov(order=2)", "--journey-credits", credits.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, double[]> summed = new HashMap<>();
    List<String> lines = Files.readAllLines(credits);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double[] sums = summed.computeIfAbsent(f[1] + "," + f[2], k -> new double[2]);
      sums[0] += Double.parseDouble(f[4]);
      sums[1] += Double.parseDouble(f[5]);
    }
    Map<String, Map<String, double[]>> totals = parse(run.out());
    assertThat(summed).hasSize(12);
    for (Map.Entry<String, double[]> e : summed.entrySet()) {
      String[] key = e.getKey().split(",");
      double[] total = totals.get(key[0]).get(key[1]);
      assertThat(e.getValue()[0]).as(e.getKey()).isCloseTo(total[0], within(1e-9 * total[0]));
      assertThat(e.getValue()[1]).as(e.getKey()).isCloseTo(total[1], within(1e-9 * total[1]));
    }
  }

  @Test
  void groupsTouchpointsWithoutAChannelByGa4Rules() throws IOException {
    Path input = file("t.csv", "user_id,timestamp,source,medium,campaign,conversion,revenue",
        "u1,2025-01-01T10:00:00Z,google,cpc,brand,0,",
        "u1,2025-01-02 10:00:00,newsletter,email,,0,",
        "u1,2025-01-03,,,,1,50.00");
    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "--format", "touchpoints", "--models",
        "first_touch,last_touch");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("first_touch,Paid Search,1,50\n").contains("last_touch,Email,1,50\n");
  }

  @Test
  void customChannelRulesComeBeforeGa4() throws IOException {
    Path rules = file("rules.csv", "channel,source,medium,campaign", "Brand Search,google,cpc,brand.*");
    Path input = file("t.csv", "user_id,timestamp,source,medium,campaign,conversion,revenue",
        "u1,2025-01-01T10:00:00Z,google,cpc,brand_2025,0,", "u1,2025-01-03T00:00:00Z,,,,1,50");
    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "--format", "touchpoints", "--models",
        "linear", "--channel-rules", rules.toString());
    assertThat(run.out()).contains("linear,Brand Search,1,50\n");
  }

  @Test
  void lookbackWindowDropsOldTouches() throws IOException {
    Path input = file("t.csv", "user_id,timestamp,channel,conversion,revenue",
        "u1,2025-01-01T00:00:00Z,display,0,", "u1,2025-01-20T00:00:00Z,email,0,", "u1,2025-01-25T00:00:00Z,,1,10");
    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "--format", "touchpoints", "--models",
        "linear", "--lookback-days", "7");
    assertThat(run.out().lines().skip(1)).containsExactly("linear,email,1,10");
  }

  @Test
  void transformCollapsesRepeatsOnPaths() throws IOException {
    Path input = file("p.csv", "path,total_conversions", "a > a > b,1");
    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "--models", "linear", "--transform",
        "exposure");
    assertThat(run.out()).contains("linear,a,0.5,0\n").contains("linear,b,0.5,0\n");
  }

  @Test
  void shapleyNotesEstimatedSetsOnStderr() throws IOException {
    Path input = file("p.csv", "path,total_conversions,total_null", "a > b,1,1", "a,1,1");
    CommandRun run = CommandRun.of("attribute", "-i", input.toString(), "--models", "shapley(cap=1)");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).startsWith("note: shapley(cap=1): 1 channel sets with more than 1 channels were estimated");
  }

  @Test
  void outputFileHasTheUsersUsualPermissions() throws IOException {
    Path out = dir.resolve("out.csv");
    CommandRun.of("attribute", "-i", file("p.csv", "path,total_conversions", "a,1").toString(), "-o", out.toString());
    assertThat(Files.getPosixFilePermissions(out)).contains(PosixFilePermission.OWNER_READ,
        PosixFilePermission.GROUP_READ);
  }

  @Test
  void leavesNoTemporaryFilesBehind() throws IOException {
    Path out = dir.resolve("out.csv");
    CommandRun.of("attribute", "-i", file("p.csv", "path,total_conversions", "a,1").toString(), "-o", out.toString());
    assertThat(Arrays.stream(dir.toFile().list())).containsExactlyInAnyOrder("p.csv", "out.csv");
  }
}
