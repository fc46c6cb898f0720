package io.nexus.server.integration.internal;

import io.nexus.server.channel.Channel;
import io.nexus.server.integration.PlatformSpend;
import io.nexus.server.integration.SpendReport;
import io.nexus.server.spend.ChannelSpend;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the spend a platform reports into the spend module's rows: each row's channel named by the catalogue, its day
 * within the imported range, one row per campaign and day; a row that breaks any of these is refused with its
 * position and reason.
 */
final class SpendRows {

  private SpendRows() {}

  /** One account's rows, ready to replace its stored days. */
  record Account(String accountId, List<ChannelSpend> rows) {}

  /**
   * The accounts' rows of the days {@code first} to {@code last}, the rows refused, the sums of the conversions the
   * platform reports beside the spend ({@code null} when no row carries any), and whether the rows replace each
   * account's stored days (imports) or are only upserted (uploads, whose accounts are the rows' own).
   */
  record Resolved(LocalDate first, LocalDate last, List<Account> accounts, List<ImportJob.Rejection> rejections,
      BigDecimal reportedConversions, BigDecimal reportedConversionValue, boolean replace) {

    /** How many rows were read. */
    long rowsRead() {
      return accounts.stream().mapToLong(a -> a.rows().size()).sum() + rejections.size();
    }
  }

  /**
   * Resolves {@code reports} of {@code platform} for the days {@code first} to {@code last}.
   *
   * @param catalogue the tenant's channels
   */
  static Resolved resolve(String platform, LocalDate first, LocalDate last, List<SpendReport> reports,
      List<Channel> catalogue) {
    Map<String, Long> channelIds = new HashMap<>();
    for (Channel channel : catalogue) {
      channelIds.put(channel.name().toLowerCase(Locale.ROOT), channel.id());
    }
    List<Account> accounts = new ArrayList<>();
    List<ImportJob.Rejection> rejections = new ArrayList<>();
    BigDecimal conversions = null;
    BigDecimal value = null;
    long position = 0;
    for (SpendReport report : reports) {
      List<ChannelSpend> rows = new ArrayList<>(report.rows().size());
      Set<String> seen = new HashSet<>();
      for (PlatformSpend row : report.rows()) {
        position++;
        String where = "spend of " + report.accountId() + " campaign " + row.campaignId() + " on " + row.date() + ": ";
        Long channel = channelIds.get(row.channel().strip().toLowerCase(Locale.ROOT));
        if (channel == null) {
          rejections.add(new ImportJob.Rejection(position, where + "channel \"" + row.channel()
              + "\" is not in the channel catalogue; add it with POST /api/v1/attribution/channels"));
          continue;
        }
        if (row.date().isBefore(first) || row.date().isAfter(last)) {
          rejections.add(new ImportJob.Rejection(position, where + "the day is outside the imported " + first
              + " to " + last));
          continue;
        }
        if (!seen.add(row.campaignId() + "\u0000" + row.date())) {
          rejections.add(new ImportJob.Rejection(position, where + "the campaign's day is reported twice"));
          continue;
        }
        try {
          rows.add(new ChannelSpend(platform, report.accountId(), row.campaignId(), row.campaignName(), channel,
              row.date(), row.currency(), row.spend(), row.impressions(), row.clicks(), row.conversions(),
              row.conversionValue()));
        } catch (IllegalArgumentException e) {
          rejections.add(new ImportJob.Rejection(position, where + e.getMessage()));
          continue;
        }
        if (row.conversions() != null) {
          conversions = (conversions == null ? BigDecimal.ZERO : conversions).add(row.conversions());
        }
        if (row.conversionValue() != null) {
          value = (value == null ? BigDecimal.ZERO : value).add(row.conversionValue());
        }
      }
      accounts.add(new Account(report.accountId(), rows));
    }
    return new Resolved(first, last, accounts, rejections, conversions, value, true);
  }
}
