package io.nexus.server.cache.internal;

import io.nexus.server.channel.ChannelsChanged;
import io.nexus.server.journey.JourneysChanged;
import io.nexus.server.model.ModelsChanged;
import io.nexus.server.spend.SpendChanged;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Bumps the cache versions once a change is committed, so that no reader can file stale data under a new version. */
@Component
class CacheInvalidation {
  private final CacheBackend cache;

  CacheInvalidation(CacheBackend cache) {
    this.cache = cache;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(JourneysChanged event) {
    cache.dataChanged();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(SpendChanged event) {
    // Channel ROI, ROAS and budget plans read spend; they are keyed on all data.
    cache.dataChanged();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(ModelsChanged event) {
    cache.catalogChanged();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(ChannelsChanged event) {
    cache.catalogChanged();
  }
}
