package io.nexus.server.ai;

import java.util.concurrent.atomic.AtomicInteger;

/** The provider calls one request may still make; thread-safe, one per request. */
public final class AiCallBudget {
  private final int limit;
  private final AtomicInteger used = new AtomicInteger();

  private AiCallBudget(int limit) {
    this.limit = limit;
  }

  /** A budget of {@code limit} provider calls. */
  public static AiCallBudget of(int limit) {
    return new AiCallBudget(limit);
  }

  /** Takes one call from the budget; false when the request has used all of them. */
  public boolean tryTake() {
    return used.incrementAndGet() <= limit;
  }

  /** The most calls one request may make. */
  public int limit() {
    return limit;
  }
}
