package io.nexus.server.web.internal;

import io.nexus.server.web.HealthCheck;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health} (where the design document tells users to look) and {@code GET /api/v1/attribution/health}: UP
 * when database and cache answer, DEGRADED (still 200) when only the
 * cache is down, since answers then come from the database, DOWN (503) when the database is down.
 */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Health")
class HealthController {
  private final DataSource dataSource;
  private final List<HealthCheck> checks;

  HealthController(DataSource dataSource, List<HealthCheck> checks) {
    this.dataSource = dataSource;
    this.checks = checks;
  }

  @GetMapping({"/health", "/api/v1/attribution/health"})
  @Operation(summary = "Service health with its database and cache")
  ResponseEntity<Map<String, Object>> health() {
    Map<String, Object> database = database();
    boolean databaseUp = "UP".equals(database.get("status"));
    boolean degraded = false;
    Map<String, Object> components = new LinkedHashMap<>();
    components.put("database", database);
    for (HealthCheck check : checks) {
      Map<String, Object> component = check.check();
      components.put(check.name(), component);
      if (!"UP".equals(component.get("status"))) {
        if (check.optional()) {
          degraded = true;
        } else {
          databaseUp = false;
        }
      }
    }
    String status = !databaseUp ? "DOWN" : degraded ? "DEGRADED" : "UP";
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("timestamp", Instant.now());
    body.put("components", components);
    return ResponseEntity.status(databaseUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
  }

  private Map<String, Object> database() {
    Map<String, Object> result = new LinkedHashMap<>();
    long started = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      boolean valid = c.isValid(2);
      result.put("status", valid ? "UP" : "DOWN");
      result.put("product", c.getMetaData().getDatabaseProductName() + " "
          + c.getMetaData().getDatabaseProductVersion());
      result.put("latency_ms", (System.nanoTime() - started) / 1_000_000.0);
    } catch (Exception e) {
      result.put("status", "DOWN");
      result.put("detail", e.getMessage());
    }
    return result;
  }
}
