package io.nexus.server.insight.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code nexus.insights.*}. */
@Configuration
@EnableConfigurationProperties(InsightSettings.class)
class InsightConfiguration {}
