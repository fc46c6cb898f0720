package io.nexus.server.ai.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code nexus.ai.*}. */
@Configuration
@EnableConfigurationProperties(AiSettings.class)
class AiConfiguration {}
