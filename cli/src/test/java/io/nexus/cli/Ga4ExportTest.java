package io.nexus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code --format ga4-export} on examples/ga4-export/events.ndjson.gz (written by its generate.py): 100 users with a
 * Paid Search session (gclid) then an Email session and a 50.00 purchase, 100 users with a Direct session and a
 * 30.00 purchase sent twice with one transaction id, 100 users with a Paid Social session and nothing bought. The
 * service's upload of the same file stores the same journeys (IntegrationsContract).
 */
class Ga4ExportTest {

  @Test
  void theExampleExportGivesTheCreditsWorkedOutByHand() {
    CommandRun run = CommandRun.of("attribute", "--format", "ga4-export", "--input",
        CommandRun.root().resolve("examples/ga4-export/events.ndjson.gz").toString(), "--models",
        "last_touch,first_touch,linear");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).containsExactly(
        "model,channel,attributed_conversions,attributed_value",
        "last_touch,Direct,100,3000",
        "last_touch,Email,100,5000",
        "last_touch,Paid Search,0,0",
        "last_touch,Paid Social,0,0",
        "first_touch,Direct,100,3000",
        "first_touch,Email,0,0",
        "first_touch,Paid Search,100,5000",
        "first_touch,Paid Social,0,0",
        "linear,Direct,100,3000",
        "linear,Email,50,2500",
        "linear,Paid Search,50,2500",
        "linear,Paid Social,0,0");
  }

  @Test
  void aBadLineStopsTheRunWithItsNumber() {
    CommandRun run = CommandRun.withInput("{\"event_name\":\"page_view\"}\n".getBytes(),
        "attribute", "--format", "ga4-export", "--input", "-");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("line 1: event_timestamp \"\": missing value");
  }

  @Test
  void anUnknownFormatIsNamedWithTheFormatsThereAre() {
    CommandRun run = CommandRun.of("attribute", "--format", "ga5", "--input", "-");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'ga5': expected one of paths, touchpoints, ga4-export")
        .doesNotContain("Exception");
  }
}
