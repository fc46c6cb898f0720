package io.nexus.server.system.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the service's periodic housekeeping: expiring idempotency keys, bulk job heartbeats and their reaper. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {}
