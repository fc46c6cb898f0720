package io.nexus.server.integration.internal.meta;

import io.nexus.server.integration.PlatformIntegration;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Registers Meta Ads as a platform integration, configured or not ({@code GET /integrations} says which). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetaSettings.class)
class MetaConfiguration {

  @Bean
  PlatformIntegration metaAds(MetaSettings settings, JsonMapper json) {
    MetaGraph graph = new MetaGraph(settings, json, duration -> Thread.sleep(duration.toMillis()));
    return new MetaAdsIntegration(settings, new MetaInsights(settings, graph),
        new MetaConversions(settings, graph, json, Clock.systemUTC()));
  }
}
