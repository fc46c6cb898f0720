package io.nexus.server.spend.internal;

import java.math.BigDecimal;

/** The sums of the selected rows in one currency (amounts of different currencies are never added); immutable. */
record SpendTotal(String currency, long rows, BigDecimal spend, long impressions, long clicks) {}
