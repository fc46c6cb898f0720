package io.nexus.server.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Hashes API keys for storage and comparison: HMAC-SHA-256 under the server's pepper ({@code NEXUS_KEY_PEPPER}, or a
 * random one generated once into the data folder as {@code key-pepper}), so that a copy of the database alone does
 * not let anyone test guesses. The pepper is read on first use; thread-safe.
 */
@Component
public class KeyHasher {
  static final String PEPPER_FILE = "key-pepper";

  private final String configured;
  private final Path dataDir;
  private volatile byte[] pepper;

  KeyHasher(@Value("${nexus.security.pepper:}") String configured, @Value("${nexus.data-dir:./data}") Path dataDir) {
    this.configured = configured;
    this.dataDir = dataDir;
  }

  /** The stored form of {@code key}: 64 hexadecimal digits. */
  public String hash(String key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(pepper(), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
    }
  }

  /** Whether {@code key} hashes to {@code stored}, in time independent of where they differ. */
  public boolean matches(String key, String stored) {
    return MessageDigest.isEqual(hash(key).getBytes(StandardCharsets.US_ASCII),
        stored.getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] pepper() {
    byte[] p = pepper;
    if (p == null) {
      synchronized (this) {
        if (pepper == null) {
          pepper = configured.isEmpty() ? fromFile() : configured.getBytes(StandardCharsets.UTF_8);
        }
        p = pepper;
      }
    }
    return p;
  }

  private byte[] fromFile() {
    Path file = dataDir.resolve(PEPPER_FILE);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(dataDir);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        try {
          Files.writeString(file, Base64.getEncoder().encodeToString(random) + "\n", StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE);
          restrict(file);
        } catch (FileAlreadyExistsException e) {
          // Another process (the service, bin/nexus keys) created it first: use theirs.
        }
      }
      String text = Files.readString(file).strip();
      if (text.isEmpty()) {
        throw new IllegalStateException("the key pepper file " + file + " is empty; set NEXUS_KEY_PEPPER or restore it");
      }
      return text.getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the key pepper " + file
          + " (set NEXUS_KEY_PEPPER instead): " + e.getMessage(), e);
    }
  }

  private static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: the folder's own permissions protect it.
    }
  }
}
