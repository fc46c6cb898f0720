package io.nexus.server.persistence;

import java.util.regex.Pattern;

/**
 * The tenant every stored row belongs to: a short lower-case name such as {@code default} or {@code acme} (letters,
 * digits and dashes, at most 63 characters, starting with a letter or digit); immutable.
 */
public record TenantId(String value) {
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** The tenant of a service running with authentication off, and of the data stored before tenants existed. */
  public static final TenantId DEFAULT = new TenantId("default");

  /** A tenant id; {@link IllegalArgumentException} when {@code value} is not a valid tenant name. */
  public TenantId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("a tenant is 1 to 63 lower-case letters, digits and dashes, starting with a "
          + "letter or digit");
    }
  }

  /** Whether {@code value} is a valid tenant name. */
  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
