package io.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nexus.engine.budget.BudgetOptimizer;
import io.nexus.engine.budget.BudgetPlan;
import io.nexus.engine.budget.CurveFit;
import io.nexus.engine.budget.ResponseCurve;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  private static final Map<String, ResponseCurve> TRUE = new LinkedHashMap<>();
  private static final Map<String, double[]> RANGE = new HashMap<>();

  static {
    TRUE.put("Search", new ResponseCurve(4000, 0.8, 1500));
    TRUE.put("Social", new ResponseCurve(2500, 0.6, 800));
    TRUE.put("Display", new ResponseCurve(1500, 1.0, 2000));
    RANGE.put("Search", new double[] {200, 4000});
    RANGE.put("Social", new double[] {100, 2500});
    RANGE.put("Display", new double[] {300, 5000});
  }

  @TempDir
  static Path dir;
  static Path touchpoints;

  /**
   * 120 days on which each paid channel brings one single-touch journey whose revenue is its true curve at the day's
   * spend with 5 % noise (so that every model credits the channel with exactly that), a channel whose spend never
   * changes, and an unpaid channel.
   */
  @BeforeAll
  static void generate() throws IOException {
    SplittableRandom random = new SplittableRandom(3);
    List<String> lines = new ArrayList<>(List.of("user_id,timestamp,channel,cost,conversion,revenue"));
    LocalDate first = LocalDate.of(2025, 1, 1);
    for (int d = 0; d < 120; d++) {
      String day = first.plusDays(d).toString();
      for (Map.Entry<String, ResponseCurve> channel : TRUE.entrySet()) {
        double[] range = RANGE.get(channel.getKey());
        double spend = Math.round((range[0] + (range[1] - range[0]) * random.nextDouble()) * 100) / 100.0;
        double noise = 1 + 0.05 * Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
            * Math.cos(2 * Math.PI * random.nextDouble());
        double revenue = Math.round(channel.getValue().revenue(spend) * noise * 100) / 100.0;
        String user = channel.getKey() + "-" + d;
        lines.add(user + "," + day + "T10:00:00Z," + channel.getKey() + "," + spend + ",0,");
        lines.add(user + "," + day + "T12:00:00Z,,,1," + revenue);
      }
      lines.add("flat-" + d + "," + day + "T09:00:00Z,Flat,100.00,0,");
      lines.add("flat-" + d + "," + day + "T11:00:00Z,,,1,40.00");
      lines.add("organic-" + d + "," + day + "T08:00:00Z,Organic,0,0,");
      lines.add("organic-" + d + "," + day + "T08:30:00Z,,,1,25.00");
      lines.add("browser-" + d + "," + day + "T13:00:00Z,Search,0,0,");
    }
    touchpoints = dir.resolve("touchpoints.csv");
    Files.write(touchpoints, lines);
  }

  private static Map<String, String[]> rows(String csv) {
    Map<String, String[]> rows = new LinkedHashMap<>();
    List<String> lines = csv.lines().toList();
    int columns = lines.get(0).split(",", -1).length;
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = fields(line);
      assertThat(fields).as(line).hasSize(columns);
      rows.put(fields[0], fields);
    }
    return rows;
  }

  /** The fields of one CSV line, quotes removed. */
  private static String[] fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields.toArray(String[]::new);
  }

  private static double[] trueOptimum(int days, double budget) {
    List<CurveFit> truth = new ArrayList<>();
    TRUE.forEach((name, curve) -> truth.add(new CurveFit(name, curve, null, days, days, 1, 1e9, 0, 0)));
    BudgetPlan best = BudgetOptimizer.plan(truth, days, budget, Map.of());
    return best.channels().stream().mapToDouble(c -> c.spend()).toArray();
  }

  @Test
  void recommendsWithinFivePercentOfTheBudgetOfTheKnownOptimum() {
    CommandRun run = CommandRun.of("plan", "--input", touchpoints.toString(), "--budget", "120000", "--days", "30",
        "--model", "linear");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().findFirst()).contains(PlanTable.HEADER);
    Map<String, String[]> rows = rows(run.out());
    double[] optimum = trueOptimum(30, 120_000);
    List<String> names = List.copyOf(TRUE.keySet());
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < names.size(); i++) {
      String[] row = rows.get(names.get(i));
      assertThat(row[1]).isEqualTo("estimated");
      assertThat(Double.parseDouble(row[4])).as(names.get(i)).isCloseTo(optimum[i], within(0.05 * 120_000));
      sum = sum.add(new BigDecimal(row[4]));
    }
    assertThat(sum).isEqualByComparingTo("120000");
    assertThat(rows.get("(total)")[4]).isEqualTo("120000.00");
  }

  @Test
  void reportsAChannelWithoutSpendVariationAsNotEstimableAndLeavesItOut() {
    CommandRun run = CommandRun.of("plan", "--input", touchpoints.toString(), "--budget", "120000", "--model",
        "last_touch");

    Map<String, String[]> rows = rows(run.out());
    assertThat(rows.get("Flat")[1]).isEqualTo("not_estimable");
    assertThat(rows.get("Flat")[12]).startsWith("no spend variation");
    assertThat(rows.get("Flat")[4]).isEmpty();
    assertThat(rows.get("Organic")[12]).startsWith("nothing was spent on it");
    assertThat(run.err()).contains("note: Flat is not estimable and left out of the plan: no spend variation");
  }

  @Test
  void keepsEveryChannelWithinItsConstraintsExactly() {
    CommandRun run = CommandRun.of("plan", "--input", touchpoints.toString(), "--budget", "120000.05", "--days",
        "30", "--constraint", "Search=:50000.01", "--constraint", "Display=40000.37:");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, String[]> rows = rows(run.out());
    assertThat(rows.get("Search")[4]).isEqualTo("50000.01");
    assertThat(rows.get("Search")[8]).isEqualTo("max");
    assertThat(rows.get("Display")[4]).isEqualTo("40000.37");
    assertThat(rows.get("Display")[8]).isEqualTo("min");
    assertThat(rows.get("Social")[4]).isEqualTo("29999.67");
  }

  @Test
  void addsBootstrapIntervalsThatTheSameSeedRepeats() {
    String[] args = {"plan", "--input", touchpoints.toString(), "--budget", "120000", "--days", "30", "--model",
        "linear", "--intervals", "30", "--seed", "5"};

    CommandRun first = CommandRun.of(args);
    CommandRun second = CommandRun.of(args);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo(second.out());
    String[] total = rows(first.out()).get("(total)");
    double expected = Double.parseDouble(total[5]);
    assertThat(Double.parseDouble(total[13])).isLessThanOrEqualTo(expected);
    assertThat(Double.parseDouble(total[14])).isGreaterThanOrEqualTo(expected);
  }

  @Test
  void refusesConstraintsThatCannotBeMet() {
    assertThat(CommandRun.of("plan", "--input", touchpoints.toString(), "--budget", "1000", "--constraint",
        "Search=2000:").err()).contains("below the sum of the minima");
    CommandRun unknown = CommandRun.of("plan", "--input", touchpoints.toString(), "--budget", "1000",
        "--constraint", "TV=0:10");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("--constraint TV=0:10: no channel TV in the data");
    assertThat(CommandRun.of("plan", "--input", touchpoints.toString(), "--budget", "1000", "--constraint",
        "Search=10:5").err()).contains("MIN 10 is above MAX 5");
    assertThat(CommandRun.of("plan", "--input", touchpoints.toString(), "--budget", "900000000").err())
        .contains("above the sum of the maxima");
    assertThat(CommandRun.of("plan", "--input", touchpoints.toString(), "--budget", "-5").err())
        .contains("--budget -5: must not be negative");
    assertThat(CommandRun.of("plan", "--input", touchpoints.toString(), "--budget", "1000", "--constraint",
        "Flat=0:10").err()).contains("Flat is not estimable: no spend variation");
  }
}
