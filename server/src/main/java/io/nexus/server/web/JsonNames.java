package io.nexus.server.web;

/** Java property paths as the snake_case names clients send, for naming bad fields. */
public final class JsonNames {
  private JsonNames() {}

  /** {@code touchpoints[3].engagementScore} as {@code touchpoints[3].engagement_score}. */
  public static String snake(String javaPath) {
    StringBuilder out = new StringBuilder(javaPath.length() + 8);
    for (int i = 0; i < javaPath.length(); i++) {
      char c = javaPath.charAt(i);
      if (Character.isUpperCase(c)) {
        out.append('_').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
