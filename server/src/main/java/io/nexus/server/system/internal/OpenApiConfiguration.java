package io.nexus.server.system.internal;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and description; springdoc serves it at /v3/api-docs and /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI nexusOpenApi() {
    return new OpenAPI().info(new Info()
        .title("NEXUS Attribution API")
        .version("v1")
        .description("Stores customer journeys and credits their conversions to channels under rule-based and "
            + "data-driven attribution models. JSON in snake_case, ISO-8601 timestamps, RFC 9457 problems.")
        .license(new License().name("Proprietary")));
  }
}
