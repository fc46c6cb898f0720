package io.nexus.server.spend;

import java.time.LocalDate;
import java.util.List;

/**
 * The current tenant's platform spend: written by imports, read by reports; thread-safe. The writes join the caller's
 * transaction, so spend stored with an import's journeys is stored with them or not at all.
 */
public interface SpendLedger {

  /**
   * Stores {@code rows}, each replacing the row of the same platform, account, campaign and day.
   *
   * @return how many rows were stored
   */
  long upsert(List<ChannelSpend> rows);

  /**
   * Makes {@code rows} the platform's spend of {@code accountId} from {@code first} to {@code last} (both included):
   * rows of those days that the platform no longer reports are removed, the others stored as by {@link #upsert}.
   *
   * @return how many rows were stored
   */
  long replace(String platform, String accountId, LocalDate first, LocalDate last, List<ChannelSpend> rows);

  /** Spend per channel, day and currency from {@code first} to {@code last}, both included. */
  List<DailySpend> daily(LocalDate first, LocalDate last);
}
