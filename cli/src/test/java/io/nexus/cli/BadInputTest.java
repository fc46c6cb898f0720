package io.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {
  @TempDir
  Path dir;

  private CommandRun attribute(String content, String... more) throws IOException {
    Path input = dir.resolve("in.csv");
    Files.writeString(input, content);
    String[] args = new String[4 + more.length];
    args[0] = "attribute";
    args[1] = "--input";
    args[2] = input.toString();
    args[3] = "--output=" + dir.resolve("out.csv");
    System.arraycopy(more, 0, args, 4, more.length);
    return CommandRun.of(args);
  }

  private void assertRefused(CommandRun run, String message) {
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo(message);
    assertThat(dir.resolve("out.csv")).doesNotExist();
    assertThat(dir.toFile().list()).containsExactly("in.csv");
  }

  @Test
  void aNonNumericCountNamesLineColumnAndValue() throws IOException {
    assertRefused(attribute("path,total_conversions,total_null\na > b,1,0\nb,x1,2\n"),
        "line 3: total_conversions \"x1\": not a number");
  }

  @Test
  void aNegativeCountIsRefused() throws IOException {
    assertRefused(attribute("path,total_conversions,total_null\na,1,-2\n"),
        "line 2: total_null \"-2\": must not be negative");
  }

  @Test
  void anInfiniteValueIsRefused() throws IOException {
    assertRefused(attribute("path,total_conversions,total_conversion_value\na,1,Infinity\n"),
        "line 2: total_conversion_value \"Infinity\": not a finite number");
  }

  @Test
  void aMissingColumnIsRefused() throws IOException {
    assertRefused(attribute("path,total_conversions,total_null\na,1\n"),
        "line 2: total_null \"\": missing value: the row has 2 columns, the header needs 3");
  }

  @Test
  void anEmptyPathIsRefused() throws IOException {
    assertRefused(attribute("path,total_conversions\n,1\n"), "line 2: path \"\": empty path");
  }

  @Test
  void anEmptyChannelNameIsRefused() throws IOException {
    assertRefused(attribute("path,total_conversions\na > > b,1\n"),
        "line 2: path \"a > > b\": empty channel name at position 2");
  }

  @Test
  void anUnterminatedQuoteIsRefused() throws IOException {
    assertRefused(attribute("path,total_conversions\n\"a > b,1\n"), "line 2: path \"\"a > b,1\": unterminated quote");
  }

  @Test
  void aHeaderWithoutTheRequiredColumnsIsRefused() throws IOException {
    assertRefused(attribute("route,conversions\na,1\n"),
        "line 1: header \"route,conversions\": missing column path, expected "
            + "path,total_conversions[,total_conversion_value][,total_null]");
  }

  @Test
  void anEmptyFileIsRefused() throws IOException {
    assertRefused(attribute(""),
        "line 1: empty input: expected a header path,total_conversions[,total_conversion_value][,total_null]");
  }

  @Test
  void aHeaderWithoutRowsIsRefused() throws IOException {
    assertRefused(attribute("path,total_conversions\n"), "line 2: empty input: the file has a header but no rows");
  }

  @Test
  void anUnknownModelIsRefused() throws IOException {
    CommandRun run = attribute("path,total_conversions\na,1\n", "--models", "linear,lineal");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("--models: model lineal: unknown model, expected one of first_touch");
  }

  @Test
  void anImpossibleParameterIsRefused() throws IOException {
    assertRefused(attribute("path,total_conversions\na,1\n", "--models", "time_decay(half_life=-1)"),
        "--models: model time_decay(half_life=-1): half_life -1: must be a finite number greater than 0");
  }

  @Test
  void anImpossibleOrderIsRefused() throws IOException {
    assertRefused(attribute("path,total_conversions\na,1\n", "--order", "5"), "--order 5: must be between 1 and 4");
  }

  @Test
  void timeDecayOnPathsAsksForTouchpoints() throws IOException {
    assertRefused(attribute("path,total_conversions\na,1\n", "--models", "time_decay"),
        "model time_decay: needs touch and conversion times; path files have none, use touchpoint data");
  }

  @Test
  void removalEffectsNeedAMarkovModel() throws IOException {
    assertRefused(attribute("path,total_conversions\na,1\n", "--models", "linear", "--removal-effects",
        dir.resolve("re.csv").toString()), "--removal-effects: needs a markov model in --models");
  }

  @Test
  void aMissingInputFileIsRefused() {
    CommandRun run = CommandRun.of("attribute", "--input", dir.resolve("nope.csv").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("--input " + dir.resolve("nope.csv") + ": no such file");
  }

  @Test
  void anUnparsableTimestampIsRefused() throws IOException {
    assertRefused(attribute("user_id,timestamp,channel\nu1,yesterday,email\n", "--format", "touchpoints"),
        "line 2: timestamp \"yesterday\": not an ISO-8601 date-time such as 2025-01-05T10:00:00Z");
  }

  @Test
  void anEngagementScoreAboveOneIsRefused() throws IOException {
    assertRefused(attribute("user_id,timestamp,channel,engagement_score\nu1,2025-01-01,email,1.5\n", "--format",
        "touchpoints"), "line 2: engagement_score \"1.5\": must be between 0 and 1");
  }

  @Test
  void aNegativeRevenueIsRefused() throws IOException {
    assertRefused(attribute("user_id,timestamp,channel,conversion,revenue\nu1,2025-01-01,,1,-5\n", "--format",
        "touchpoints"), "line 2: revenue \"-5\": must not be negative");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    CommandRun run = CommandRun.of("attribute", "--input", "x.csv", "--inptu", "y");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("nexus attribute: unknown option --inptu; did you mean --input?\n");
  }

  @Test
  void aFailedRunLeavesAnExistingOutputUntouched() throws IOException {
    Path out = dir.resolve("out.csv");
    Files.writeString(out, "previous results\n");
    Path input = dir.resolve("in.csv");
    Files.writeString(input, "path,total_conversions\na,oops\n");
    CommandRun run = CommandRun.of("attribute", "--input", input.toString(), "--output", out.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(Files.readString(out)).isEqualTo("previous results\n");
  }

  private CommandRun withRules(String rules) throws IOException {
    Path file = dir.resolve("rules.csv");
    Files.writeString(file, rules);
    return attribute("user_id,timestamp,source,medium,conversion\nu1,2025-01-01,google,cpc,0\n", "--format",
        "touchpoints", "--channel-rules", file.toString());
  }

  @Test
  void aRulesFileWithoutItsHeaderIsRefusedNamingFileAndLine() throws IOException {
    CommandRun run = withRules("Brand,google,cpc,brand.*\n");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("--channel-rules " + dir.resolve("rules.csv") + ": line 1: header "
        + "\"Brand,google,cpc,brand.*\": missing column channel: the first line must be a header such as "
        + "channel,source,medium,campaign");
    assertThat(dir.resolve("out.csv")).doesNotExist();
  }

  @Test
  void aBadRuleIsRefusedNamingFileAndLine() throws IOException {
    CommandRun run = withRules("channel,source,medium,campaign\nBrand,google,cpc,brand.*\nOther,[,,\n");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("--channel-rules " + dir.resolve("rules.csv") + ": line 3: rule \"[\": "
        + "not a valid regular expression: ");
  }

  @Test
  void aMissingRulesFileIsRefused() throws IOException {
    CommandRun run = attribute("user_id,timestamp,channel\nu1,2025-01-01,email\n", "--format", "touchpoints",
        "--channel-rules", dir.resolve("nope.csv").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("--channel-rules " + dir.resolve("nope.csv") + ": no such file");
  }
}
