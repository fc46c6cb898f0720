package io.nexus.server.journey;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One UTC day of activity: the journeys started that day, how many of them converted, their conversions and revenue;
 * immutable.
 *
 * @param day the UTC day
 * @param journeys journeys started that day
 * @param convertingJourneys those of them with at least one conversion
 * @param conversions the conversions of the journeys started that day
 * @param revenue the conversion value of the journeys started that day
 */
public record DailyActivity(LocalDate day, long journeys, long convertingJourneys, long conversions,
    BigDecimal revenue) {}
