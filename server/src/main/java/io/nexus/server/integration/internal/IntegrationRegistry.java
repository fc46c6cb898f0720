package io.nexus.server.integration.internal;

import io.nexus.server.integration.PlatformIntegration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Every platform integration by name: the Spring beans, then the {@code ServiceLoader} providers found on the class
 * path, so a custom integration in a jar needs no change to the service. A name given twice is refused at start-up
 * rather than one integration silently hiding the other.
 */
@Component
class IntegrationRegistry {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,99}");

  private final Map<String, PlatformIntegration> byName;

  IntegrationRegistry(List<PlatformIntegration> beans) {
    Map<String, PlatformIntegration> all = new TreeMap<>();
    beans.forEach(integration -> register(all, integration, true));
    ServiceLoader.load(PlatformIntegration.class).forEach(integration -> register(all, integration, false));
    this.byName = Collections.unmodifiableMap(all);
  }

  /** Registers one; only the service's own beans may share a name with an upload format (GA4 takes both). */
  private static void register(Map<String, PlatformIntegration> all, PlatformIntegration integration,
      boolean builtIn) {
    String name = integration.platform();
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalStateException("platform integration " + integration.getClass().getName()
          + " has an invalid name: " + name);
    }
    if (UploadFormats.NAMES.contains(name) && !builtIn) {
      throw new IllegalStateException("platform name " + name + " is taken by a file upload format");
    }
    PlatformIntegration before = all.putIfAbsent(name, integration);
    if (before != null) {
      throw new IllegalStateException("platform " + name + " is registered twice: by "
          + before.getClass().getName() + " and " + integration.getClass().getName());
    }
  }

  /** The integration named {@code platform}, if registered. */
  Optional<PlatformIntegration> find(String platform) {
    return Optional.ofNullable(byName.get(platform));
  }

  /** Every integration, by name in alphabetical order. */
  Map<String, PlatformIntegration> all() {
    return byName;
  }
}
