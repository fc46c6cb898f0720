package io.nexus.server.spend.internal;

import io.nexus.server.web.ApiException;
import io.nexus.server.web.Dates;
import io.nexus.server.web.FieldProblem;
import io.nexus.server.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/attribution/spend}: the platform spend imported, filtered and page by page. */
@RestController
@RequestMapping(path = "/api/v1/attribution/spend", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Spend")
class SpendController {
  private final SpendRepository spend;

  SpendController(SpendRepository spend) {
    this.spend = spend;
  }

  @GetMapping
  @Operation(summary = "Platform spend per campaign and day (days both included), with totals per currency")
  SpendPage list(
      @RequestParam(name = "start_date", required = false) String startDate,
      @RequestParam(name = "end_date", required = false) String endDate,
      @RequestParam(name = "platform", required = false) String platform,
      @RequestParam(name = "account_id", required = false) String accountId,
      @RequestParam(name = "campaign_id", required = false) String campaignId,
      @RequestParam(name = "channel_id", required = false) Long channelId,
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "100") int size) {
    Paging.check(page, size);
    List<FieldProblem> problems = new ArrayList<>();
    LocalDate first = startDate == null || startDate.isBlank() ? null : Dates.day(startDate, "start_date", problems);
    LocalDate last = endDate == null || endDate.isBlank() ? null : Dates.day(endDate, "end_date", problems);
    if (first != null && last != null && last.isBefore(first)) {
      problems.add(new FieldProblem("end_date", "must not be before start_date"));
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest(problems);
    }
    SpendFilter filter = new SpendFilter(first, last, blankToNull(platform), blankToNull(accountId),
        blankToNull(campaignId), channelId);
    List<SpendTotal> totals = spend.totals(filter);
    long count = totals.stream().mapToLong(SpendTotal::rows).sum();
    return new SpendPage(spend.find(filter, page, size), totals, page, size, count, (count + size - 1) / size);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
