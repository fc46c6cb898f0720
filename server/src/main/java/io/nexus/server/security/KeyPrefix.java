package io.nexus.server.security;

import java.util.regex.Pattern;

/**
 * The public part of an API key ({@code nx_} and 8 base62 characters): names the key in lists, logs, audit entries and
 * revocations without revealing it; immutable.
 */
public record KeyPrefix(String value) {
  private static final Pattern VALID = Pattern.compile("nx_[0-9A-Za-z]{8}");

  /** A prefix; {@link IllegalArgumentException} when {@code value} is not one. */
  public KeyPrefix {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("a key prefix is nx_ followed by 8 letters or digits");
    }
  }

  /** Whether {@code value} is a valid prefix. */
  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
