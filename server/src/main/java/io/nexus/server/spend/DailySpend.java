package io.nexus.server.spend;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A channel's spend on one day in one currency, summed over platforms, accounts and campaigns; immutable.
 *
 * @param channelId the catalogue channel
 * @param date the day
 * @param currency the ISO 4217 code
 * @param spend the sum
 */
public record DailySpend(long channelId, LocalDate date, String currency, BigDecimal spend) {}
