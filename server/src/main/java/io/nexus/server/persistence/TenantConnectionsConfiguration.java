package io.nexus.server.persistence;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Puts {@link TenantConnections} around the service's data source, and activates it once Flyway has migrated the
 * schema as the owner: from then on the service works as the role {@code nexus.db.app-role} (NEXUS_DB_APP_ROLE,
 * default {@code nexus_app}), created by the migrations.
 */
@Configuration(proxyBeanMethods = false)
class TenantConnectionsConfiguration {
  private final DataSource dataSource;

  TenantConnectionsConfiguration(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Bean
  static BeanPostProcessor tenantConnections(Environment environment) {
    String role = environment.getProperty("nexus.db.app-role", "nexus_app");
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof DataSource source && !(bean instanceof TenantConnections)
            && "dataSource".equals(name) ? new TenantConnections(source, role) : bean;
      }
    };
  }

  /** With migrations switched off the service still works as its role, never as the owner (fail closed). */
  @EventListener(ApplicationReadyEvent.class)
  void actAsTheServiceRoleEvenWithoutMigrations() {
    if (dataSource instanceof TenantConnections connections) {
      connections.activate();
    }
  }

  @Bean
  FlywayMigrationStrategy migrateThenActAsTheServiceRole() {
    return flyway -> {
      flyway.migrate();
      if (dataSource instanceof TenantConnections connections) {
        connections.activate();
      }
    };
  }
}
