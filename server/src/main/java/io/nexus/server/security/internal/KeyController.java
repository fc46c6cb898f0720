package io.nexus.server.security.internal;

import io.nexus.server.security.CurrentCaller;
import io.nexus.server.security.KeyPrefix;
import io.nexus.server.security.Scope;
import io.nexus.server.web.ApiException;
import io.nexus.server.web.StorableText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/admin/keys}: the caller's tenant's API keys (admin scope). */
@RestController
@RequestMapping(path = "/api/v1/admin/keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin: API keys")
class KeyController {
  /** The body of a key creation. */
  record KeyRequest(
      @NotEmpty(message = "required: one or more of ingest, read, admin") List<String> scopes,
      @Size(max = 200, message = "must be at most 200 characters") @StorableText String name,
      @Size(max = 40, message = "must be a duration such as 90d, 12h or P30D") String expiresIn) {}

  /** A key as listed: never the key itself. */
  record KeyView(String prefix, String tenant, String name, List<String> scopes, Instant createdAt,
      Instant lastUsedAt, Instant expiresAt, Instant revokedAt) {
    static KeyView of(StoredKey k) {
      return new KeyView(k.prefix().value(), k.tenant().value(), k.name(),
          k.scopes().stream().sorted().map(Scope::label).toList(), k.createdAt(), k.lastUsedAt(), k.expiresAt(),
          k.revokedAt());
    }
  }

  /** A key just created: the key is shown this once. */
  record CreatedKey(String key, KeyView details) {}

  private final ApiKeys keys;
  private final CurrentCaller caller;

  KeyController(ApiKeys keys, CurrentCaller caller) {
    this.keys = keys;
    this.caller = caller;
  }

  @PostMapping
  @Operation(summary = "Create an API key of the caller's tenant; the answer shows the key once")
  ResponseEntity<CreatedKey> create(@Valid @RequestBody KeyRequest request) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String label : request.scopes()) {
      try {
        scopes.add(Scope.of(label == null ? "" : label));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("scopes", e.getMessage());
      }
    }
    Instant now = Instant.now();
    Instant expires = null;
    if (request.expiresIn() != null) {
      try {
        expires = ApiKeys.expiry(request.expiresIn(), now);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw ApiException.badRequest("expires_in", "expected a duration such as 90d, 12h or P30D");
      }
    }
    ApiKeys.Issued issued = keys.create(caller.get().tenant(), scopes, request.name(), expires, now);
    return ResponseEntity.created(URI.create("/api/v1/admin/keys/" + issued.stored().prefix()))
        .body(new CreatedKey(issued.key(), KeyView.of(issued.stored())));
  }

  @GetMapping
  @Operation(summary = "List the caller's tenant's API keys (never the keys themselves)")
  List<KeyView> list() {
    return keys.list(Optional.of(caller.get().tenant())).stream().map(KeyView::of).toList();
  }

  @DeleteMapping("/{prefix}")
  @Operation(summary = "Revoke an API key at once, on every instance")
  ResponseEntity<Void> revoke(@PathVariable String prefix) {
    if (!KeyPrefix.isValid(prefix)
        || !keys.revoke(new KeyPrefix(prefix), Optional.of(caller.get().tenant()), Instant.now())) {
      throw ApiException.notFound("API key", prefix);
    }
    return ResponseEntity.noContent().build();
  }
}
