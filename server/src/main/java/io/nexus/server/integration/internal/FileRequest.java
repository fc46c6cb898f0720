package io.nexus.server.integration.internal;

import io.nexus.server.web.StorableText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A file to read on the server: its path inside {@code NEXUS_IMPORT_DIR}, such as {@code exports/events.ndjson.gz}. */
record FileRequest(
    @NotBlank(message = "required") @Size(max = 1000, message = "must have at most 1000 characters") @StorableText
    String path) {}
