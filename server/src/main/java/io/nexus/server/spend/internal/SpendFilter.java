package io.nexus.server.spend.internal;

import java.time.LocalDate;

/** What {@code GET /spend} selects; every part may be {@code null} for no restriction. */
record SpendFilter(LocalDate first, LocalDate last, String platform, String accountId, String campaignId,
    Long channelId) {}
