package io.nexus.server.model.internal;

import io.nexus.server.model.ModelDefinition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/attribution/models}: attribution model configurations. */
@RestController
@RequestMapping(path = "/api/v1/attribution/models", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Models")
class ModelController {
  private final ModelService models;

  ModelController(ModelService models) {
    this.models = models;
  }

  @PostMapping
  @Operation(summary = "Create a model; the engine checks its parameters")
  ResponseEntity<ModelDefinition> create(@Valid @RequestBody ModelRequest request) {
    ModelDefinition created = models.create(request);
    return ResponseEntity.created(URI.create("/api/v1/attribution/models/" + created.id())).body(created);
  }

  @GetMapping
  @Operation(summary = "List models, optionally only active or inactive ones")
  List<ModelDefinition> list(@RequestParam(name = "is_active", required = false) Boolean active) {
    return models.list(active);
  }

  @GetMapping("/{id}")
  @Operation(summary = "Get a model")
  ModelDefinition get(@PathVariable long id) {
    return models.get(id);
  }

  @PutMapping("/{id}")
  @Operation(summary = "Update a model; fields left out keep their value")
  ModelDefinition update(@PathVariable long id, @Valid @RequestBody ModelRequest request) {
    return models.update(id, request);
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete a model; one with stored results is deactivated instead and returned")
  ResponseEntity<ModelDefinition> delete(@PathVariable long id) {
    return models.delete(id).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
  }
}
