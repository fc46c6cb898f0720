package io.nexus.server.integration;

import java.util.ArrayList;
import java.util.List;

/**
 * A platform that journeys come from, registered as a Spring bean or as a {@code ServiceLoader} provider of this
 * interface in a jar on the class path; implementations must be thread-safe.
 */
public interface PlatformIntegration {

  /** The platform's name in URLs, such as {@code facebook_ads}: lower case letters, digits and underscores. */
  String platform();

  /** The names of the settings this platform needs and that are not set; empty when it is configured. */
  List<String> missingSettings();

  /**
   * The platform's touches (visits, clicks, ...) in the range, of one user when the range names one.
   *
   * @throws PlatformException when the platform cannot be read; nothing of the import is then stored
   */
  List<PlatformEvent> fetchTouchpoints(ImportRange range);

  /**
   * The platform's conversions in the range, of one user when the range names one.
   *
   * @throws PlatformException when the platform cannot be read; nothing of the import is then stored
   */
  List<PlatformEvent> fetchConversions(ImportRange range);

  /**
   * Everything one import reads: by default the touches and then the conversions, each a row; a platform that reads
   * both at once, refuses some rows, reports its own daily totals or reads spend with them answers them here.
   *
   * @throws PlatformException when the platform cannot be read; nothing of the import is then stored
   */
  default PlatformFetch fetch(ImportRange range) {
    List<PlatformEvent> all = new ArrayList<>(fetchTouchpoints(range));
    all.addAll(fetchConversions(range));
    return PlatformFetch.of(all);
  }

  /**
   * What the platform's ad accounts spent in the range, per campaign and day; none for platforms without spend (the
   * default). Spend is per account, never per user: an import of one user takes none.
   *
   * @throws PlatformException when the platform cannot be read; nothing of the import is then stored
   */
  default List<SpendReport> fetchSpend(ImportRange range) {
    return List.of();
  }

  /** Whether the platform takes attribution results back ({@link #push}); false by default. */
  default boolean canPush() {
    return false;
  }

  /** The names of the settings a push needs and that are not set; empty when it can push. */
  default List<String> missingPushSettings() {
    return missingSettings();
  }

  /**
   * Sends conversions with their attributed credit to the platform; sending the same conversions again must not
   * count them twice there (their event ids are stable).
   *
   * @throws PlatformException when the platform cannot be reached or refuses them
   * @throws UnsupportedOperationException when the platform cannot push ({@link #canPush} is false)
   */
  default PushResult push(List<AttributedConversion> conversions) {
    throw new UnsupportedOperationException(platform() + " does not take attribution results");
  }
}
