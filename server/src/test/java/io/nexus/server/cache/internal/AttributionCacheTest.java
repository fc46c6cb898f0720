package io.nexus.server.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nexus.server.cache.AttributionCache.Region;
import io.nexus.server.cache.AttributionCache;
import io.nexus.server.cache.CacheStatistics;
import io.nexus.server.cache.VersionedKey;
import io.nexus.server.support.DefaultTenant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/** The versioned-cache protocol: versions are read into the key before the answer is computed, and filed with it. */
@ExtendWith(DefaultTenant.class)
class AttributionCacheTest {
  private final CacheMeters meters = new CacheMeters(new SimpleMeterRegistry(), "caffeine");
  private final CaffeineBackend backend = new CaffeineBackend(new CacheSettings("caffeine", 60, 0), meters);
  private final AttributionCache cache = new AttributionCache(backend, JsonMapper.shared(), meters);
  private final AtomicInteger computed = new AtomicInteger();

  private String answer(VersionedKey key) {
    return cache.getOrCompute(Region.REPORTS, key, String.class, () -> "answer " + computed.incrementAndGet());
  }

  @Test
  void anAnswerIsComputedOnceWhileTheVersionsStay() {
    assertThat(answer(cache.versions().keyOnAllData("roi"))).isEqualTo("answer 1");
    assertThat(answer(cache.versions().keyOnAllData("roi"))).isEqualTo("answer 1");
    CacheStatistics statistics = backend.statistics();
    assertThat(statistics.hits()).isEqualTo(1);
    assertThat(statistics.misses()).isEqualTo(1);
  }

  @Test
  void anAnswerComputedBeforeADataChangeIsNotServedAfterIt() {
    VersionedKey before = cache.versions().keyOnAllData("roi");
    backend.dataChanged();
    // Computed from data read after the change, but filed under the versions read before it: never served again.
    assertThat(answer(before)).isEqualTo("answer 1");
    assertThat(answer(cache.versions().keyOnAllData("roi"))).isEqualTo("answer 2");
  }

  @Test
  void anAnswerAboutOneJourneyOutlivesChangesToOtherJourneysButNotToTheCatalogue() {
    assertThat(answer(cache.versions().key("j1v1"))).isEqualTo("answer 1");
    backend.dataChanged();
    assertThat(answer(cache.versions().key("j1v1"))).isEqualTo("answer 1");
    backend.catalogChanged();
    assertThat(answer(cache.versions().key("j1v1"))).isEqualTo("answer 2");
  }

  @Test
  void aRecomputedAnswerIsFiledForTheNextReaderWhoSeesItAsCached() {
    VersionedKey key = cache.versions().key("j1v1");
    assertThat(cache.recompute(Region.RESULTS, key, () -> "fresh")).isEqualTo("fresh");
    assertThat(cache.recompute(Region.RESULTS, key, () -> "fresher")).isEqualTo("fresher");
    assertThat(cache.getOrCompute(Region.RESULTS, key, String.class, () -> "unused", value -> value + " (cached)"))
        .isEqualTo("fresher (cached)");
  }

  @Test
  void nothingIsCachedWhenTheBackendCannotTellVersions() {
    AttributionCache blind = new AttributionCache(new Unreachable(), JsonMapper.shared(), meters);
    VersionedKey key = blind.versions().keyOnAllData("roi");
    assertThat(key.cacheable()).isFalse();
    assertThat(blind.getOrCompute(Region.REPORTS, key, String.class, () -> "answer " + computed.incrementAndGet()))
        .isEqualTo("answer 1");
    assertThat(blind.getOrCompute(Region.REPORTS, key, String.class, () -> "answer " + computed.incrementAndGet()))
        .isEqualTo("answer 2");
  }

  /** A backend that is down: as Redis is while it cannot be reached. */
  private static final class Unreachable implements CacheBackend {
    @Override
    public byte[] get(String key) {
      return null;
    }

    @Override
    public void put(String key, byte[] value) {}

    @Override
    public long catalogVersion() {
      return -1;
    }

    @Override
    public long dataVersion() {
      return -1;
    }

    @Override
    public void dataChanged() {}

    @Override
    public void catalogChanged() {}

    @Override
    public CacheStatistics statistics() {
      return new CacheStatistics("test", "DOWN", 0, 0, 0, 0, 0, 60, "unreachable");
    }
  }
}
