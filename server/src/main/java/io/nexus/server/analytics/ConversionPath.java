package io.nexus.server.analytics;

import java.math.BigDecimal;
import java.util.List;

/**
 * One channel path of many journeys, as the top-paths report shows it; immutable.
 *
 * @param path the channels' names in order (a channel deleted since shows as {@code #id})
 * @param channelIds the channels' ids in order
 * @param journeys how many journeys took the path
 * @param conversions how many conversions they made
 * @param conversionRate the share of those journeys that converted
 * @param revenue the converting journeys' conversion value, to the cent
 * @param avgDaysToConversion average days from first touch to the last conversion of the converting journeys
 * @param avgTouchesToConversion average touches of the converting journeys
 */
public record ConversionPath(List<String> path, List<Long> channelIds, long journeys, long conversions,
    double conversionRate, BigDecimal revenue, Double avgDaysToConversion, Double avgTouchesToConversion) {

  public ConversionPath {
    path = List.copyOf(path);
    channelIds = List.copyOf(channelIds);
  }
}
