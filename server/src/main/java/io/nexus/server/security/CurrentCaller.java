package io.nexus.server.security;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The {@link Caller} of the request the current thread serves, set by the authentication filter for the duration of
 * the request (also as the request attribute {@link #ATTRIBUTE}); thread-safe.
 */
@Component
public class CurrentCaller {
  /** The request attribute holding the request's {@link Caller}. */
  public static final String ATTRIBUTE = Caller.class.getName();

  private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

  /** The current request's caller; {@link IllegalStateException} outside a request. */
  public Caller get() {
    Caller caller = CURRENT.get();
    if (caller == null) {
      throw new IllegalStateException("no caller outside a request");
    }
    return caller;
  }

  /** The current request's caller, empty outside a request (background work). */
  public Optional<Caller> find() {
    return Optional.ofNullable(CURRENT.get());
  }

  static void set(Caller caller) {
    CURRENT.set(caller);
  }

  static void clear() {
    CURRENT.remove();
  }
}
