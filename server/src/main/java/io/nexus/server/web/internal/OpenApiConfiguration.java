package io.nexus.server.web.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and description; springdoc serves it at /v3/api-docs and /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  /**
   * Schemas named as the API really speaks: swagger-core describes types with its own (Jackson 2) mapper, which does
   * not see the service's snake_case setting.
   */
  @Bean
  ModelResolver snakeCaseSchemas() {
    return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
  }

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
