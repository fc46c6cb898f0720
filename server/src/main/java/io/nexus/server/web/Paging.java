package io.nexus.server.web;

/** The {@code page} and {@code size} parameters of listings that answer page by page. */
public final class Paging {
  /** The most items one page may hold. */
  public static final int MAX_SIZE = 1000;

  private Paging() {}

  /** Refuses a negative page or a size outside 1 to {@link #MAX_SIZE}, naming the parameter. */
  public static void check(int page, int size) {
    if (page < 0) {
      throw ApiException.badRequest("page", "must not be negative");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw ApiException.badRequest("size", "must be between 1 and " + MAX_SIZE);
    }
  }
}
