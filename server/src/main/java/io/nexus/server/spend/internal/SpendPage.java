package io.nexus.server.spend.internal;

import java.util.List;

/**
 * One page of spend rows as {@code GET /spend} answers it, with the totals of every row selected; immutable.
 *
 * @param items the rows of the page, by day, platform, account and campaign
 * @param totals the sums over all selected rows, per currency
 * @param page the page's number, from 0
 * @param size the most rows a page holds
 * @param totalItems how many rows the filter selects
 * @param totalPages how many pages they fill
 */
record SpendPage(List<SpendRow> items, List<SpendTotal> totals, int page, int size, long totalItems,
    long totalPages) {}
