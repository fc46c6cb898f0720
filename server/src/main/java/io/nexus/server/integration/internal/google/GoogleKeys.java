package io.nexus.server.integration.internal.google;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.nexus.server.integration.PlatformException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The service-account key file ({@code GOOGLE_APPLICATION_CREDENTIALS}) as google-auth-library credentials, read anew
 * for every import so that a rotated key is taken without a restart. The library signs a JWT with the key and trades
 * it at the key file's {@code token_uri} for an access token, which it refreshes before it expires.
 */
final class GoogleKeys {
  private GoogleKeys() {}

  /** The key file's credentials for {@code scopes}; the error names the file, never its content. */
  static GoogleCredentials serviceAccount(String file, List<String> scopes) {
    Path path = Path.of(file);
    try (InputStream in = Files.newInputStream(path)) {
      return ServiceAccountCredentials.fromStream(in).createScoped(scopes);
    } catch (NoSuchFileException e) {
      throw new PlatformException("GOOGLE_APPLICATION_CREDENTIALS: no key file at " + path);
    } catch (IOException | RuntimeException e) {
      throw new PlatformException("GOOGLE_APPLICATION_CREDENTIALS: " + path + " is not a service-account key file "
          + "(JSON with client_email, private_key, token_uri)");
    }
  }

  /** The request headers (the access token) for {@code uri}, fetching a token first when there is none yet. */
  static Map<String, List<String>> headers(GoogleCredentials credentials, URI uri) {
    try {
      return credentials.getRequestMetadata(uri);
    } catch (IOException e) {
      throw new PlatformException("Google's token endpoint refused the service-account key "
          + "(GOOGLE_APPLICATION_CREDENTIALS): " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String text) {
    return text == null ? "no reason given" : text.lines().findFirst().orElse("").strip();
  }
}
