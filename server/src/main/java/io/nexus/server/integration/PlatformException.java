package io.nexus.server.integration;

/** A platform that could not be read: out of reach, refusing the credentials, or answering what it documents not. */
public class PlatformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}, which must hold no secret. */
  public PlatformException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, which must hold no secret, caused by {@code cause}. */
  public PlatformException(String message, Throwable cause) {
    super(message, cause);
  }
}
