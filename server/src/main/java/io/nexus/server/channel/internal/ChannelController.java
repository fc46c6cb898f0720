package io.nexus.server.channel.internal;

import io.nexus.server.channel.Channel;
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

/** {@code /api/v1/attribution/channels}: the channel catalogue. */
@RestController
@RequestMapping(path = "/api/v1/attribution/channels", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Channels")
class ChannelController {
  private final ChannelService channels;

  ChannelController(ChannelService channels) {
    this.channels = channels;
  }

  @PostMapping
  @Operation(summary = "Create a channel")
  ResponseEntity<Channel> create(@Valid @RequestBody ChannelRequest request) {
    Channel created = channels.create(request);
    return ResponseEntity.created(URI.create("/api/v1/attribution/channels/" + created.id())).body(created);
  }

  @GetMapping
  @Operation(summary = "List channels, optionally only active or inactive ones")
  List<Channel> list(@RequestParam(name = "is_active", required = false) Boolean active) {
    return channels.list(active);
  }

  @GetMapping("/{id}")
  @Operation(summary = "Get a channel")
  Channel get(@PathVariable long id) {
    return channels.get(id);
  }

  @PutMapping("/{id}")
  @Operation(summary = "Update a channel; fields left out keep their value")
  Channel update(@PathVariable long id, @Valid @RequestBody ChannelRequest request) {
    return channels.update(id, request);
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete a channel; one in use is deactivated instead and returned")
  ResponseEntity<Channel> delete(@PathVariable long id) {
    return channels.delete(id).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
  }
}
