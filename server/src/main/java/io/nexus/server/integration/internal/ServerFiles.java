package io.nexus.server.integration.internal;

import io.nexus.server.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Files named on the server instead of uploaded ({@code NEXUS_IMPORT_DIR}): only regular files inside that folder,
 * after resolving links, so that a caller cannot read anything else the service may read.
 */
@Component
class ServerFiles {
  private final String folder;

  ServerFiles(@Value("${nexus.integrations.import-dir:}") String folder) {
    this.folder = folder == null || folder.isBlank() ? null : folder.strip();
  }

  /** The file {@code name} inside the import folder, opened; 422 naming {@code path} and why otherwise. */
  InputStream open(String name) {
    if (folder == null) {
      throw ApiException.unprocessable("path", "files are named on the server only inside NEXUS_IMPORT_DIR, which is "
          + "not set; upload the file instead");
    }
    Path root;
    try {
      root = Path.of(folder).toRealPath();
    } catch (IOException | InvalidPathException e) {
      throw ApiException.unprocessable("path", "NEXUS_IMPORT_DIR (" + folder + ") is not a folder this service can "
          + "read");
    }
    Path file;
    try {
      Path relative = Path.of(name);
      if (relative.isAbsolute()) {
        throw ApiException.unprocessable("path", "must be relative to NEXUS_IMPORT_DIR, such as "
            + "exports/events.ndjson.gz");
      }
      file = root.resolve(relative).normalize().toRealPath();
    } catch (NoSuchFileException e) {
      throw ApiException.unprocessable("path", "no file " + name + " in NEXUS_IMPORT_DIR");
    } catch (IOException | InvalidPathException e) {
      throw ApiException.unprocessable("path", "not a readable file name: " + name);
    }
    if (!file.startsWith(root)) {
      throw ApiException.unprocessable("path", "must stay inside NEXUS_IMPORT_DIR");
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw ApiException.unprocessable("path", name + " is not a regular file");
    }
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw ApiException.unprocessable("path", name + " cannot be read: " + e.getClass().getSimpleName());
    }
  }
}
