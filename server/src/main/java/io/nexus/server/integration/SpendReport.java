package io.nexus.server.integration;

import java.util.List;
import java.util.Objects;

/**
 * The spend of one ad account over an import's days: its rows replace every row stored before for that account and
 * those days, so days the platform no longer reports are removed and nothing is counted twice; immutable.
 *
 * @param accountId the platform's ad account, such as {@code act_1234}
 * @param rows its campaigns' days
 */
public record SpendReport(String accountId, List<PlatformSpend> rows) {

  public SpendReport {
    Objects.requireNonNull(accountId, "accountId");
    if (accountId.isBlank() || accountId.length() > 200) {
      throw new IllegalArgumentException("accountId must have 1 to 200 characters");
    }
    rows = List.copyOf(rows);
  }
}
